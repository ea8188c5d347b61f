"""The coinlake pipeline as an Airflow DAG, built from the pipeline spec (conf/pipeline.yaml).

Wiring only: the tasks, their dependencies, retries, schedule and parameters all come from the
spec, which `./coinlake run` reads as well (io.coinlake.orchestrate.PipelineSpecLoader). Each task
is one `spark-submit --class io.coinlake.cli.CoinlakeMain coinlake-jobs.jar <command> --date {{ ds }}`.

Where things come from (Airflow Variables, each with a default):
  coinlake_pipeline_spec   the spec file           default <dags>/../conf/pipeline.yaml
  coinlake_jar             coinlake-jobs.jar       default <dags>/../spark-jobs/target/coinlake-jobs.jar
  coinlake_spark_conn_id   the Spark connection    default spark_default
<dags> is the folder of this file after symlinks are resolved, so a checkout of the repository
(or a symlink to this file from Airflow's dags folder) works without any Variable. The Java 17
flags for driver and executor are read from spark-java17.options beside the spec.

Parse-time cost: the scheduler parses this file every `min_file_process_interval` (30 s by
default). Each parse reads the spec and the options file (two small local files) and looks up the
three Variables; a Variable set as the environment variable AIRFLOW_VAR_<NAME> (e.g.
AIRFLOW_VAR_COINLAKE_JAR) is found without a metadata-database query, any other costs one query
per Variable per parse. The paths must exist on the hosts that parse DAGs; the jar must be
reachable where spark-submit runs.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml
from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MAIN_CLASS = "io.coinlake.cli.CoinlakeMain"
REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_VARIABLE = "coinlake_pipeline_spec"
JAR_VARIABLE = "coinlake_jar"
CONN_VARIABLE = "coinlake_spark_conn_id"
DEFAULT_SPEC = REPO_ROOT / "conf" / "pipeline.yaml"
DEFAULT_JAR = REPO_ROOT / "spark-jobs" / "target" / "coinlake-jobs.jar"
DEFAULT_CONN_ID = "spark_default"
JAVA_OPTIONS_FILE = "spark-java17.options"

# The keys PipelineSpecLoader accepts; it rejects any other, and so does this file.
DAG_KEYS = {"id", "description", "schedule", "startDate", "maxActiveRuns", "catchup"}
RETRY_KEYS = {"retries", "retryDelaySeconds", "retryExponentialBackoff", "maxRetryDelaySeconds"}
TASK_KEYS = {"id", "command", "dependsOn"} | RETRY_KEYS
PARAM_KEYS = {"config", "set"}
TOP_KEYS = {"dag", "defaults", "params", "tasks"}


class SpecError(ValueError):
    """The pipeline spec cannot be turned into a DAG; the message names the file and the key."""


def load_spec(path: Path) -> dict:
    """The spec as plain data; params hold the scalars' text as written, as the Java loader reads them."""
    if not path.is_file():
        raise SpecError(f"{path}: pipeline spec not found; set the Airflow Variable {SPEC_VARIABLE} to its path")
    text = path.read_text(encoding="utf-8")
    try:
        spec = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise SpecError(f"{path}: not valid YAML: {str(e).splitlines()[0]}") from e
    _check_keys(spec, TOP_KEYS, "", path)
    for key in ("dag", "defaults", "tasks"):
        if spec.get(key) is None:
            raise SpecError(f"{path}: '{key}' is missing")
    _check_keys(spec["dag"], DAG_KEYS, "dag", path)
    _check_keys(spec["defaults"], RETRY_KEYS, "defaults", path)
    if not isinstance(spec["tasks"], list) or not spec["tasks"]:
        raise SpecError(f"{path}: 'tasks' must be a non-empty list of tasks")
    for i, task in enumerate(spec["tasks"]):
        _check_keys(task, TASK_KEYS, f"tasks[{i}]", path)
    spec["params"] = _raw_params(_child(root, "params"), path)
    return spec


def param_args(params: dict) -> list[str]:
    """What PipelineSpec.Params.cliArgs() gives: --config F when set, then --set k=v sorted by key."""
    args = ["--config", params["config"]] if params["config"].strip() else []
    for key in sorted(params["set"]):
        args += ["--set", f"{key}={params['set'][key]}"]
    return args


def retry_settings(task: dict, defaults: dict, path: Path) -> dict:
    """The task's own retry settings where given, else the defaults (as PipelineSpec.retryPolicy)."""
    def pick(key: str, kind: type):
        value = task.get(key)
        where = f"tasks[{task['id']}].{key}"
        if value is None:
            value, where = defaults.get(key), f"defaults.{key}"
        if type(value) is not kind or (kind is int and value < 0):
            wanted = "true or false" if kind is bool else "a whole number >= 0"
            raise SpecError(f"{path}: '{where}' must be {wanted}, got {value!r}")
        return value

    return {
        "retries": pick("retries", int),
        "retry_delay": timedelta(seconds=pick("retryDelaySeconds", int)),
        "retry_exponential_backoff": pick("retryExponentialBackoff", bool),
        "max_retry_delay": timedelta(seconds=pick("maxRetryDelaySeconds", int)),
    }


def java17_conf(options_file: Path) -> dict:
    """Spark conf giving driver and executor the JVM flags Spark 3.5 needs on Java 17."""
    if not options_file.is_file():
        raise SpecError(f"{options_file}: Java 17 options not found; copy conf/{JAVA_OPTIONS_FILE} beside the pipeline spec")
    lines = [line.strip() for line in options_file.read_text(encoding="utf-8").splitlines()]
    flags = " ".join(line for line in lines if line and not line.startswith("#"))
    return {"spark.driver.extraJavaOptions": flags, "spark.executor.extraJavaOptions": flags}


def build_dag(spec_path: Path, jar: str, conn_id: str) -> DAG:
    spec = load_spec(spec_path)
    dag_spec = spec["dag"]
    for key in ("id", "schedule", "startDate", "maxActiveRuns", "catchup"):
        if dag_spec.get(key) is None:
            raise SpecError(f"{spec_path}: 'dag.{key}' is missing")
    if dag_spec["maxActiveRuns"] != 1:
        raise SpecError(f"{spec_path}: 'dag.maxActiveRuns' must be 1: Delta on S3 allows one writer per lake, got {dag_spec['maxActiveRuns']!r}")
    tasks = spec["tasks"]
    ids = [task.get("id") for task in tasks]
    for task in tasks:
        if not task.get("id") or not task.get("command"):
            raise SpecError(f"{spec_path}: every task needs an id and a command, got {task!r}")
        if not isinstance(task.get("dependsOn") or [], list):
            raise SpecError(f"{spec_path}: 'tasks[{task['id']}].dependsOn' must be a list of task ids, e.g. [ingest]")
        for upstream in task.get("dependsOn") or []:
            if upstream not in ids:
                raise SpecError(f"{spec_path}: task '{task['id']}' depends on '{upstream}', which is not a task (tasks: {ids})")

    common_args = param_args(spec["params"])
    spark_conf = java17_conf(spec_path.parent / JAVA_OPTIONS_FILE)
    with DAG(
        dag_id=dag_spec["id"],
        description=dag_spec.get("description") or "",
        schedule=dag_spec["schedule"],
        start_date=_utc_midnight(dag_spec["startDate"], spec_path),
        catchup=dag_spec["catchup"],
        max_active_runs=dag_spec["maxActiveRuns"],
        # one task at a time, as `./coinlake run` does: parallel branches would be two writers
        max_active_tasks=1,
        doc_md=_doc_md(spec, spec_path, jar, conn_id),
        tags=["coinlake", "spark"],
    ) as dag:
        operators = {
            task["id"]: SparkSubmitOperator(
                task_id=task["id"],
                name=f"{dag_spec['id']}-{task['id']}",
                java_class=MAIN_CLASS,
                application=jar,
                application_args=[task["command"], "--date", "{{ ds }}", *common_args],
                conn_id=conn_id,
                conf=dict(spark_conf),
                **retry_settings(task, spec["defaults"], spec_path),
            )
            for task in tasks
        }
        for task in tasks:
            for upstream in task.get("dependsOn") or []:
                operators[upstream] >> operators[task["id"]]
    return dag


def _check_keys(section, known: set, where: str, path: Path) -> None:
    if not isinstance(section, dict):
        raise SpecError(f"{path}: '{where or 'the file'}' must be a mapping of keys, got {section!r}")
    unknown = sorted(set(section) - known)
    if unknown:
        name = f"{where}.{unknown[0]}" if where else unknown[0]
        raise SpecError(f"{path}: unknown key '{name}'; known keys here: {', '.join(sorted(known))}")


def _child(mapping: yaml.Node, key: str):
    for key_node, value_node in mapping.value:
        if key_node.value == key:
            return value_node
    return None


def _scalar_text(node, where: str, path: Path, empty_ok: bool) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise SpecError(f"{path}: '{where}' must be a single value, not a list or mapping")
    if node.tag == "tag:yaml.org,2002:null":
        if empty_ok:
            return ""
        raise SpecError(f"{path}: '{where}' has no value; write '' for an empty string")
    return node.value


def _raw_params(node, path: Path) -> dict:
    """params with every value as written (true, 0.50): the text the Java loader passes on."""
    if node is None or node.tag == "tag:yaml.org,2002:null":
        return {"config": "", "set": {}}
    if not isinstance(node, yaml.MappingNode):
        raise SpecError(f"{path}: 'params' must be a mapping with config and set")
    config_node, set_node = _child(node, "config"), _child(node, "set")
    config = "" if config_node is None else _scalar_text(config_node, "params.config", path, empty_ok=True)
    overrides = {}
    if set_node is not None and set_node.tag != "tag:yaml.org,2002:null":
        if not isinstance(set_node, yaml.MappingNode):
            raise SpecError(f"{path}: 'params.set' must be a mapping of config key: value")
        for key_node, value_node in set_node.value:
            key = _scalar_text(key_node, "params.set", path, empty_ok=False)
            overrides[key] = _scalar_text(value_node, f"params.set.{key}", path, empty_ok=False)
    return {"config": config, "set": overrides}


def _utc_midnight(value, path: Path) -> datetime:
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError as e:
        raise SpecError(f"{path}: 'dag.startDate' must be a date like 2024-01-01, got {value!r}") from e
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def _doc_md(spec: dict, spec_path: Path, jar: str, conn_id: str) -> str:
    dag_id = spec["dag"]["id"]
    tasks = "\n".join(
        f"- `{t['id']}`: `{t['command']}`" + (f", after {', '.join(t['dependsOn'])}" if t.get("dependsOn") else "")
        for t in spec["tasks"])
    return f"""### {dag_id}

{spec['dag'].get('description') or ''}

Every task is `spark-submit --class {MAIN_CLASS} <jar> <command> --date <ds>` plus the spec's
parameters (`--config`, `--set`). The logical date `ds` is the start of the cron interval: the run
that fires after a day ends processes that day (on Airflow 3 this needs
`[scheduler] create_cron_data_intervals = True`).

{tasks}

- **Spec**: `{spec_path}` (Variable `{SPEC_VARIABLE}`). Tasks, dependencies, retries, schedule and
  parameters are defined there, for this DAG and for `./coinlake run` alike: edit the spec, not the DAG file.
- **Jar**: `{jar}` (Variable `{JAR_VARIABLE}`). **Spark connection**: `{conn_id}` (Variable `{CONN_VARIABLE}`).
- **One writer**: Delta on S3 allows one writer per table, so `max_active_runs=1` and one task at
  a time. Do not run `./coinlake` against the same lake while this DAG runs.
- **Backfill**: `airflow dags backfill -s 2024-01-01 -e 2024-01-10 {dag_id}` (Airflow 2), or
  `airflow backfill create --dag-id {dag_id} --from-date 2024-01-01 --to-date 2024-01-10` (Airflow 3),
  or without Airflow `./coinlake run --from 2024-01-01 --to 2024-01-10`. Each date is one run, in order.
"""


dag = build_dag(
    Path(Variable.get(SPEC_VARIABLE, default_var=str(DEFAULT_SPEC))),
    Variable.get(JAR_VARIABLE, default_var=str(DEFAULT_JAR)),
    Variable.get(CONN_VARIABLE, default_var=DEFAULT_CONN_ID),
)
