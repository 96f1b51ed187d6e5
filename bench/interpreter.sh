#!/usr/bin/env bash
# What does the definition interpreter cost against a Java workflow on the same steps?
#   bench/interpreter.sh [--steps 8] [--runs 50]
# Runs InterpreterBench (workflows test classes) in one JVM on Temporal's in-memory test server
# and writes bench/results/interpreter-<UTC time>.md. Never runs `mvn install`.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=workflows/target/bench-classpath.txt
mvn -B -q test-compile dependency:build-classpath -pl workflows \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
cp="workflows/target/test-classes:workflows/target/classes:$(cat "$cp_file")"
mkdir -p bench/results
out="bench/results/interpreter-$(date -u +%Y%m%dT%H%M%SZ).md"
java -cp "$cp" org.sttplatform.workflows.pipeline.bench.InterpreterBench --out "$out" "$@"
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), commit $(git rev-parse --short HEAD)" >> "$out"
