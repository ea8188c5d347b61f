"""Test stub of `airflow.models`: Variable, with Airflow's lookup order for what a test can set.

Airflow looks a Variable up in the environment (AIRFLOW_VAR_<KEY upper case>) before the
metadata database; the stub has no database, so it reads the environment, then default_var.
Every lookup is recorded in Variable.lookups.
"""
from __future__ import annotations

import os

from airflow.models.baseoperator import BaseOperator  # noqa: F401  (Airflow exports it here too)

_NO_DEFAULT = object()


class Variable:
    lookups: list = []

    @classmethod
    def get(cls, key: str, default_var=_NO_DEFAULT, deserialize_json: bool = False):
        value = os.environ.get("AIRFLOW_VAR_" + key.upper())
        cls.lookups.append(key)
        if value is None:
            if default_var is _NO_DEFAULT:
                raise KeyError(f"Variable {key} does not exist")
            return default_var
        if deserialize_json:
            import json
            return json.loads(value)
        return value
