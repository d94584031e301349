"""Reads the divider's error responses as a Google API client does.

For each call (a label, a path and an optional Accept header), GETs the
divider and hands the response to google-api-core's
`exceptions.from_http_response`, which picks the exception class by the
HTTP status and reads `ErrorInfo` from the body's `details`. Prints one
JSON line per call with what the exception says: its class, code,
message, reason, domain, metadata and the `@type` of each detail.

    python peer.py --base http://127.0.0.1:8000 --calls '[{"label": ..., "path": ...}]'
"""

import argparse
import json

import requests
from google.api_core import exceptions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--calls", required=True)
    args = parser.parse_args()
    for call in json.loads(args.calls):
        headers = {"Accept": call["accept"]} if "accept" in call else {}
        response = requests.get(args.base + call["path"], headers=headers, timeout=10)
        error = exceptions.from_http_response(response)
        print(
            json.dumps(
                {
                    "label": call["label"],
                    "class": type(error).__name__,
                    "code": error.code,
                    "message": error.message,
                    "reason": error.reason,
                    "domain": error.domain,
                    "metadata": error.metadata,
                    "detail_types": [detail.get("@type") for detail in error.details],
                },
                sort_keys=True,
            )
        )


if __name__ == "__main__":
    main()
