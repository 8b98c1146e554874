# Sourced by ./mvnw and plugin-host/bin/herald: picks a JDK >= 21 when JAVA_HOME (or the
# java on PATH) is older, so a fresh machine whose default java is 17 still builds and runs.
herald_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
herald_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    current="$JAVA_HOME/bin/java"
  else
    current="$(command -v java || true)"
  fi
  if [ -n "$current" ] && [ "$(herald_java_major "$current")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  set +f  # mvnw runs with globbing off
  for home in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    if [ -x "$home/bin/javac" ] && [ "$(herald_java_major "$home/bin/java")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$home"
      export JAVA_HOME
      return 0
    fi
  done
  echo "Herald needs a JDK 21 or newer; none found (set JAVA_HOME)." >&2
  exit 1
}
herald_find_jdk
