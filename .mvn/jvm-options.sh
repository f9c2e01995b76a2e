# JVM options for one scaletest command; sourced (POSIX sh) by ./scaletest, by the release
# archive's bin/scaletest (which ships this file as app/jvm-options.sh) and by bench/lib.sh so the
# benchmarks measure what users run. Needs JAVA_HOME: the JDK .mvn/find-jdk.sh found, or the
# release's bundled runtime.
#
# Netty's native transports and JLine load native code; JDK 24 and later warn on every start
# unless the class path is allowed to (JEP 472).
#
# create-workspaces and cleanup are short bursts: thousands of small HTTP calls, each a different
# mix of JDK HTTP client, Jackson and Netty code, then exit. Measured on 1,000 workspaces against
# the zero-delay simulator, the optimising C2 compiler alone took about 40% of the harness CPU and
# its code arrived too late to pay that back; C1 code (TieredStopAtLevel=1) is ready at once. The
# serial collector saves the G1 concurrent threads and barriers on a heap of about 100 MB.
# workspace-traffic and the simulator run for minutes in tight loops and keep C2 and G1.
#
# On JDK 24 and later, Netty 4.2 leaves sun.misc.Unsafe alone unless the JVM allows its memory
# access (JEP 498), and moves bytes through slower checked paths: allowing it cut the simulator's
# CPU per stream by about a tenth and the harness's by about 5% (3,000 streams, bench/traffic.sh).
# The option exists from JDK 23 (21 and 22 refuse to start with it); JDKs after 26 may drop it
# (JEP 471), and Netty then keeps its checked paths.
#
# Netty's leak detector samples one buffer in 128 and records a stack trace for it: 2-4% of the
# CPU of the harness and of the simulator at 1,000 streams. The launched tool runs without it; the
# test suite, which is where a leak would be caught, keeps Netty's default.
# SCALETEST_JAVA_OPTS comes after these in ./scaletest, so e.g. -XX:TieredStopAtLevel=4 undoes it.
scaletest_jdk_feature_version() {
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null | head -n 1
}

scaletest_jvm_options() {
  printf '%s ' '--enable-native-access=ALL-UNNAMED'
  case "${1-}" in
    create-workspaces | cleanup) printf '%s ' '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' ;;
  esac
  printf '%s ' '-Dio.netty.leakDetection.level=disabled'
  scaletest_feature=$(scaletest_jdk_feature_version)
  if [ -n "$scaletest_feature" ] && [ "$scaletest_feature" -ge 23 ] && [ "$scaletest_feature" -le 26 ]; then
    printf '%s ' '--sun-misc-unsafe-memory-access=allow'
  fi
  printf '\n'
}
