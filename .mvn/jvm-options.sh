# JVM options for one scaletest command; sourced (POSIX sh) by ./scaletest and bench/create.sh so
# the benchmark measures what users run. Prints nothing for commands that keep the JVM's defaults.
#
# create-workspaces and cleanup are short bursts: thousands of small HTTP calls, each a different
# mix of JDK HTTP client, Jackson and Netty code, then exit. Measured on 1,000 workspaces against
# the zero-delay simulator, the optimising C2 compiler alone took about 40% of the harness CPU and
# its code arrived too late to pay that back; C1 code (TieredStopAtLevel=1) is ready at once. The
# serial collector saves the G1 concurrent threads and barriers on a heap of about 100 MB.
# workspace-traffic and the simulator run for minutes in tight loops and keep C2 and G1.
# SCALETEST_JAVA_OPTS comes after these in ./scaletest, so e.g. -XX:TieredStopAtLevel=4 undoes it.
scaletest_jvm_options() {
  case "${1-}" in
    create-workspaces | cleanup) printf '%s\n' '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' ;;
  esac
}
