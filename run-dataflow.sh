#!/usr/bin/env bash
# Submits techpulse to Google Cloud Dataflow; the job loads, merges and records its run itself
# (CommitWarehouse). With --waitForJob=true (the default) it follows the job and prints the
# summary; --waitForJob=false returns once the job is submitted. Needs --project, --region and --tempLocation; the warehouse must
# be Snowflake (workers cannot share a DuckDB file). Credentials: Application Default
# Credentials for Google, SNOWFLAKE_* and GITHUB_TOKEN from the environment.
set -euo pipefail
cd "$(dirname "$0")"
for required in project region tempLocation; do
  if ! printf '%s\n' "$@" | grep -q -- "^--$required="; then
    echo "techpulse: error: run-dataflow.sh needs --$required=..." >&2
    exit 2
  fi
done
jar=pipeline/target/techpulse-bundled-0.1.0.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -print -quit)" ]; then
  echo "techpulse: building $jar ..." >&2
  mvn -B -q -DskipTests package >&2
fi
exec java ${TECHPULSE_JAVA_OPTS:-} -jar "$jar" --runner=DataflowRunner "$@"
