# Starts proxy commands for scaletest's SSH client (see ProxyCommandSpawner.java): one bash per run
# instead of one child of the JVM, with threads of its own, per SSH stream.
#
# Arguments: the loopback port each command's stdin/stdout is connected to, and a private folder
# for the commands' stderr. Requests come on stdin as NUL-terminated fields: first a probe token,
# then for each command its id, its one-time token, the command line, the number of environment
# variables and each one's name and value. Data is only ever expanded inside double quotes and run
# by `/bin/sh -c`, never evaluated here. Reports go to stdout, one short line per write (shorter
# than PIPE_BUF, so lines from concurrent subshells never interleave):
#   unusable                  this bash cannot connect to the port through /dev/tcp (when it can,
#                             the probe token's connection says so)
#   <id> started <pid>        the subshell that runs command <id>; killing it and its
#                             descendants ends the command
#   <id> exit <status>        the command ended (255: it could not be connected to the port)
set +o posix
port=$1 dir=$2
IFS= read -r -d '' probe || exit 0
if ! (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf '%s\n' "$probe" >&3) 2>>"$dir/spawner.err"; then
    echo unusable
    exit 3
fi
while IFS= read -r -d '' id && IFS= read -r -d '' token && IFS= read -r -d '' command && IFS= read -r -d '' count; do
    names=() values=() n=0
    while [ "$n" -lt "$count" ] && IFS= read -r -d '' name && IFS= read -r -d '' value; do
        names[n]=$name values[n]=$value n=$((n + 1))
    done
    (
        if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>>"$dir/$id.err"; then
            echo "$id exit 255"
            exit 0
        fi
        printf '%s\n' "$token" >&3
        for ((n = 0; n < ${#names[@]}; n++)); do
            export "${names[n]}=${values[n]}"
        done
        # The command holds the socket as stdin and stdout and nothing of ours (3>&-): its end
        # (and its descendants') is the connection's end.
        /bin/sh -c "$command" <&3 >&3 2>>"$dir/$id.err" 3>&- &
        exec 3>&-
        wait "$!"
        echo "$id exit $?"
    ) </dev/null &
    echo "$id started $!"
done
