"""Test stub of `airflow`: only the parts coinlake_dag.py uses, with Airflow 2.4+ signatures.

The DAG records its arguments and its tasks; `with DAG(...)` makes it the DAG that operators
created inside the block join, as in Airflow. Unknown keyword arguments raise TypeError, so a
misspelt argument fails here as it would in Airflow.
"""
from __future__ import annotations

_CONTEXT: list["DAG"] = []

# The DAG keyword arguments of Airflow 2.4+ that a DAG file may pass (a subset).
DAG_ARGUMENTS = {
    "description", "schedule", "start_date", "end_date", "default_args", "max_active_tasks",
    "max_active_runs", "dagrun_timeout", "catchup", "doc_md", "params", "tags",
    "render_template_as_native_obj", "is_paused_upon_creation", "template_searchpath",
}


class DAG:
    def __init__(self, dag_id: str, **kwargs):
        unknown = sorted(set(kwargs) - DAG_ARGUMENTS)
        if unknown:
            raise TypeError(f"DAG.__init__() got an unexpected keyword argument '{unknown[0]}'")
        self.dag_id = dag_id
        self.kwargs = {"dag_id": dag_id, **kwargs}
        self.task_dict: dict = {}

    @property
    def tasks(self) -> list:
        return list(self.task_dict.values())

    def get_task(self, task_id: str):
        return self.task_dict[task_id]

    def add_task(self, task) -> None:
        if task.task_id in self.task_dict:
            raise ValueError(f"Task id '{task.task_id}' has already been added to the DAG")
        self.task_dict[task.task_id] = task

    def __enter__(self) -> "DAG":
        _CONTEXT.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _CONTEXT.pop()


def current_dag():
    """The DAG of the innermost `with DAG(...)` block, if any (Airflow's DagContext)."""
    return _CONTEXT[-1] if _CONTEXT else None
