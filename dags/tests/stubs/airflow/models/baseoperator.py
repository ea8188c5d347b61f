"""Test stub of `airflow.models.baseoperator.BaseOperator`: arguments, DAG membership and edges.

As in Airflow: a task joins the `dag` argument or the DAG of the enclosing `with DAG(...)`;
retry_delay and max_retry_delay take a timedelta or seconds; `a >> b` makes a upstream of b and
returns b; lists work on either side; tasks of two DAGs cannot be related.
"""
from __future__ import annotations

from datetime import timedelta

import airflow

# BaseOperator keyword arguments of Airflow 2.4+ that a DAG file may pass (a subset).
BASE_ARGUMENTS = {
    "owner", "email", "retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay",
    "depends_on_past", "execution_timeout", "pool", "queue", "trigger_rule", "doc_md", "params",
    "priority_weight", "sla", "on_failure_callback", "on_retry_callback", "on_success_callback",
}


def _as_delta(value, name: str):
    if value is None or isinstance(value, timedelta):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(seconds=value)
    raise TypeError(f"{name} must be a timedelta or seconds, got {value!r}")


class BaseOperator:
    def __init__(self, *, task_id: str, dag=None, **kwargs):
        unknown = sorted(set(kwargs) - BASE_ARGUMENTS)
        if unknown:
            raise TypeError(f"{type(self).__name__}.__init__() got an unexpected keyword argument '{unknown[0]}'")
        retries = kwargs.get("retries", 0)
        if isinstance(retries, bool) or not isinstance(retries, int):
            raise TypeError(f"retries must be an int, got {retries!r}")
        self.task_id = task_id
        self.retries = retries
        self.retry_delay = _as_delta(kwargs.get("retry_delay", timedelta(seconds=300)), "retry_delay")
        self.retry_exponential_backoff = kwargs.get("retry_exponential_backoff", False)
        self.max_retry_delay = _as_delta(kwargs.get("max_retry_delay"), "max_retry_delay")
        self.base_kwargs = kwargs
        self.upstream_task_ids: set = set()
        self.downstream_task_ids: set = set()
        self.dag = dag if dag is not None else airflow.current_dag()
        if self.dag is not None:
            self.dag.add_task(self)

    def set_upstream(self, other) -> None:
        for task in other if isinstance(other, (list, tuple, set)) else [other]:
            self._relate(upstream=task, downstream=self)

    def set_downstream(self, other) -> None:
        for task in other if isinstance(other, (list, tuple, set)) else [other]:
            self._relate(upstream=self, downstream=task)

    @staticmethod
    def _relate(upstream: "BaseOperator", downstream: "BaseOperator") -> None:
        if upstream.dag is not downstream.dag:
            raise ValueError(f"Tried to set relationships between tasks in more than one DAG: {upstream.task_id}, {downstream.task_id}")
        upstream.downstream_task_ids.add(downstream.task_id)
        downstream.upstream_task_ids.add(upstream.task_id)

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        self.set_upstream(other)
        return other

    def __rrshift__(self, other):
        self.set_upstream(other)
        return self

    def __rlshift__(self, other):
        self.set_downstream(other)
        return self
