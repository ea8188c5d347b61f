"""Structural check of dags/coinlake_dag.py without Airflow: compile it, parse it, import it.

    python3 dags/tests/check_dag.py [DAG_FILE]

Byte-compiles the DAG file (py_compile) and parses it (ast), then imports it with the stub
`airflow` modules of dags/tests/stubs first on sys.path and prints one JSON document describing
the DAG it built: the DAG's arguments and, per task, the spark-submit arguments, retries and
upstream task ids. Variables are read from AIRFLOW_VAR_<NAME> as Airflow does. Exits 1 with one
line on stderr on any problem. AirflowDagTest (spark-jobs) runs it and compares the JSON with the
pipeline spec as the Java loader reads it.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import py_compile
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
STUBS = HERE / "stubs"
DEFAULT_DAG_FILE = HERE.parent / "coinlake_dag.py"


class CheckFailed(Exception):
    pass


def compile_and_parse(dag_file: Path) -> None:
    if not dag_file.is_file():
        raise CheckFailed(f"{dag_file}: DAG file not found")
    with tempfile.TemporaryDirectory() as tmp:  # keep __pycache__ out of the repository
        try:
            py_compile.compile(str(dag_file), cfile=str(Path(tmp) / "dag.pyc"), doraise=True)
        except py_compile.PyCompileError as e:
            raise CheckFailed(f"{dag_file}: does not byte-compile: {e.msg.strip().splitlines()[-1]}") from e
    try:
        ast.parse(dag_file.read_text(encoding="utf-8"), filename=str(dag_file))
    except SyntaxError as e:
        raise CheckFailed(f"{dag_file}:{e.lineno}: does not parse: {e.msg}") from e


def import_dag_module(dag_file: Path):
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(STUBS))
    import airflow  # the stub, from STUBS
    if Path(airflow.__file__).resolve().parent != STUBS / "airflow":
        raise CheckFailed(f"imported airflow from {airflow.__file__}, not the stubs in {STUBS}")
    spec = importlib.util.spec_from_file_location("coinlake_dag", dag_file)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as e:  # the DAG file's own errors are one line already
        raise CheckFailed(f"{dag_file}: import failed: {type(e).__name__}: {e}") from e
    return module


def seconds(value, what: str):
    if value is None:
        return None
    if not isinstance(value, timedelta):
        raise CheckFailed(f"{what} is {value!r}, not a timedelta")
    return value.total_seconds()


def describe(module, dag_file: Path) -> dict:
    from airflow import DAG
    from airflow.models import Variable
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    dags = [value for value in vars(module).values() if isinstance(value, DAG)]
    if len(dags) != 1:
        raise CheckFailed(f"{dag_file}: expected one DAG at module level, found {len(dags)}")
    dag = dags[0]
    if not dag.tasks:
        raise CheckFailed(f"{dag_file}: DAG '{dag.dag_id}' has no tasks")
    dag_args = dict(dag.kwargs)
    start = dag_args.get("start_date")
    if not isinstance(start, datetime) or start.tzinfo is None:
        raise CheckFailed(f"{dag_file}: start_date must be a timezone-aware datetime, got {start!r}")
    dag_args["start_date"] = start.isoformat()
    tasks = []
    for task in dag.tasks:
        if not isinstance(task, SparkSubmitOperator):
            raise CheckFailed(f"{dag_file}: task '{task.task_id}' is a {type(task).__name__}, not a SparkSubmitOperator")
        where = f"task '{task.task_id}'"
        tasks.append({
            "task_id": task.task_id,
            "name": task.name,
            "java_class": task.java_class,
            "application": task.application,
            "application_args": task.application_args,
            "conn_id": task.conn_id,
            "conf": task.conf,
            "retries": task.retries,
            "retry_delay": seconds(task.retry_delay, f"{where} retry_delay"),
            "retry_exponential_backoff": task.retry_exponential_backoff,
            "max_retry_delay": seconds(task.max_retry_delay, f"{where} max_retry_delay"),
            "upstream_task_ids": sorted(task.upstream_task_ids),
        })
    return {"dag_file": str(dag_file), "variables_read": list(Variable.lookups), "dag": dag_args, "tasks": tasks}


def main(argv: list[str]) -> int:
    dag_file = Path(argv[1]).resolve() if len(argv) > 1 else DEFAULT_DAG_FILE
    try:
        compile_and_parse(dag_file)
        description = describe(import_dag_module(dag_file), dag_file)
        try:
            text = json.dumps(description, indent=2, sort_keys=True)
        except (TypeError, ValueError) as e:
            raise CheckFailed(f"{dag_file}: the DAG holds a value JSON cannot show: {e}") from e
    except CheckFailed as e:
        print(f"check_dag: {e}", file=sys.stderr)
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
