# Sourced by the samples' run scripts (audit-log/run, identity-service/run) with $sample set to the
# sample's name. Sets $jar to the plugins-sample build's jar (its dependencies in ../target/lib), or
# exits when it is missing; and $java to $HERALD_JAVA, else $JAVA_HOME/bin/java, else (in a
# checkout) a JDK >= 21 found as ./mvnw finds one, else java on the PATH; and $logging to the
# samples' logging configuration.
samples="$(cd "$(dirname "$0")/.." && pwd)"
jar="$samples/target/herald-plugins-sample.jar"
if [ ! -f "$jar" ]; then
  echo "$sample: $jar is missing; build it: ./mvnw -pl plugins-sample -am package -DskipTests" >&2
  exit 1
fi
if [ -n "${HERALD_JAVA-}" ]; then
  java="$HERALD_JAVA"
else
  if [ -z "${JAVA_HOME-}" ] && [ -f "$samples/../.mvn/find-jdk.sh" ]; then
    . "$samples/../.mvn/find-jdk.sh"
  fi
  if [ -n "${JAVA_HOME-}" ]; then java="$JAVA_HOME/bin/java"; else java="java"; fi
fi
# Logging goes to stderr: a plugin's stdout carries its handshake line and nothing before it.
logging="-Dlogback.configurationFile=sample-logback.xml"
