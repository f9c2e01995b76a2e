# Finds a JDK 21 or newer and exports JAVA_HOME; sourced (POSIX sh) by ./mvnw and ./scaletest.
# Order: JAVA_HOME, the `java` on PATH, then the usual install folders (newest first).
# With none, it prints one line naming what to install and exits 2.

scaletest_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

scaletest_jdk_ok() {
  major=$(scaletest_jdk_major "$1") || return 1
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

scaletest_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && scaletest_jdk_ok "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"; return 0
  fi
  java_on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$java_on_path" ]; then
    home=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
    if scaletest_jdk_ok "$home"; then printf '%s\n' "$home"; return 0; fi
  fi
  for root in /usr/lib/jvm /usr/java /opt/java /opt "$HOME/.sdkman/candidates/java" "$HOME/.jdks" /Library/Java/JavaVirtualMachines; do
    [ -d "$root" ] || continue
    for home in $(find "$root" -mindepth 1 -maxdepth 1 2>/dev/null | sort -r); do
      [ -d "$home/Contents/Home" ] && home="$home/Contents/Home"
      if scaletest_jdk_ok "$home"; then printf '%s\n' "$home"; return 0; fi
    done
  done
  return 1
}

if found_jdk=$(scaletest_find_jdk); then
  JAVA_HOME=$found_jdk
  export JAVA_HOME
else
  echo "scaletest needs a JDK 21 or newer and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt): install one, e.g. 'apt-get install openjdk-21-jdk' or Eclipse Temurin 21, or point JAVA_HOME at it." >&2
  exit 2
fi
