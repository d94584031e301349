"""A Python client's models no one at errdsl wrote: datamodel-code-generator
turns the divider's /openapi.json into pydantic models, and pydantic reads
the divider's real error bodies with them.

It fetches the document from the divider it is given, generates the models
(in a temporary directory, imported from there), then for each call (JSON
on the command line: a label, a path, a model, an Accept header) fetches
the path with urllib, reads the body with the model (the root model of an
operation's error type is the union of its errors in Goa's format, which
pydantic narrows by each error's literal `name`; a problem+json body has
its error's own model), and prints one JSON line: the
label, the HTTP status, the class pydantic chose, its `name` and its
`fields` as pydantic typed them. It also checks that each model refuses
the body with a field's type broken.

The Rust test compares what it printed with what the divider declares.
"""

import argparse
import importlib
import json
import math
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request


def fetch(url, accept=None):
    """The status and JSON body of GET url, error statuses included."""
    request = urllib.request.Request(url, headers={"accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def generate(document, out_dir):
    """The module datamodel-code-generator writes for document."""
    source = f"{out_dir}/openapi.json"
    with open(source, "w", encoding="utf-8") as file:
        json.dump(document, file)
    subprocess.run(
        [
            sys.executable, "-m", "datamodel_code_generator",
            "--input", source, "--input-file-type", "openapi",
            "--output-model-type", "pydantic_v2.BaseModel",
            "--formatters", "builtin",
            "--output", f"{out_dir}/divider_models.py",
        ],
        check=True,
    )
    sys.path.insert(0, out_dir)
    return importlib.import_module("divider_models")


def typed(value):
    """A value as JSON shows what pydantic made of it: enums by value,
    models and root models as their data, a float that is not finite as
    Python's text of it (JSON has no such number)."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--calls", required=True, help="JSON list of {label, path, model, accept}")
    args = parser.parse_args()
    _, document = fetch(f"{args.base}/openapi.json")
    with tempfile.TemporaryDirectory() as out_dir:
        models = generate(document, out_dir)
        for call in json.loads(args.calls):
            status, body = fetch(args.base + call["path"], call.get("accept"))
            read = getattr(models, call["model"]).model_validate(body)
            error = getattr(read, "root", read)
            if isinstance(error, (models.GoaError, models.ProblemDetails)):
                fields = error.fields or {}
            else:
                # A Goa custom error type: its fields at the top level.
                fields = {key: getattr(error, key) for key in type(error).model_fields if key not in ("name", "message")}
            out = {
                "label": call["label"],
                "status": status,
                "class": type(error).__name__,
                "name": typed(error.name),
                "fields": {key: typed(value) for key, value in dict(fields).items()},
            }
            # A number sent as text is not what the document says.
            members = body.get("fields", {}) if "id" in body else {key: body[key] for key in out["fields"]}
            for key, value in members.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    broken = json.loads(json.dumps(body))
                    (broken["fields"] if "id" in body else broken)[key] = "text"
                    try:
                        type(error).model_validate(broken)
                    except Exception:  # pydantic.ValidationError
                        continue
                    sys.exit(f"{call['label']}: {type(error).__name__} took {key} as text")
            print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
