"""A gRPC client no one at errdsl wrote: Python's grpcio (gRPC's C core),
grpcio-status and Google's protobuf runtime, reading the divider's error
statuses as Goa's and Google's clients read them.

It compiles divider.proto and goapb/error_response.proto with grpcio-tools
(no system protoc), makes one call per error (the calls come as JSON on the
command line), and for each prints one JSON line with what it decoded. It
checks the rules a peer relies on itself and exits non-zero on the first
broken one:

- grpc_status.rpc_status.from_call accepts the status: the
  google.rpc.Status in grpc-status-details-bin has the same code and message
  as grpc-status and grpc-message;
- details[0] is the error as Goa's generated clients take it: a Goa custom
  error type's own message (declared in divider.proto, unpacked by its
  type), followed by a goapb.ErrorResponse; else the goapb.ErrorResponse.
  Its msg is the status message;
- the reason is a value of the Reason enum of divider_errors.proto
  (errdsl's reasons_proto of the divider's catalog);
- there is exactly one google.rpc.ErrorInfo; its reason matches
  [A-Z][A-Z0-9_]+[A-Z0-9] in at most 63 characters, its domain is a DNS
  name, its metadata keys are lowerCamelCase and at most 64 characters, and
  its id is the goapb id (AIP-193).

The Rust test compares what it printed with the declared catalog.
"""

import argparse
import importlib
import json
import re
import sys
import tempfile

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from grpc_tools import protoc

REASON = re.compile(r"[A-Z][A-Z0-9_]+[A-Z0-9]")
METADATA_KEY = re.compile(r"[a-z][a-zA-Z0-9]*")
DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


def compile_protos(proto_dirs, out_dir):
    """Python modules of the two .proto files, in out_dir."""
    args = ["protoc", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}"]
    args += [f"-I{d}" for d in proto_dirs]
    args += ["divider.proto", "divider_errors.proto", "goapb/error_response.proto"]
    if protoc.main(args) != 0:
        sys.exit("protoc failed")
    sys.path.insert(0, out_dir)
    return (
        importlib.import_module("divider_pb2"),
        importlib.import_module("divider_pb2_grpc"),
        importlib.import_module("goapb.error_response_pb2"),
        importlib.import_module("divider_errors_pb2"),
    )


def reason_enum(call, info, reasons_pb2):
    """The message of divider_errors.proto whose Reason enum holds the
    ErrorInfo's reason, and the reason's number there."""
    for message in reasons_pb2.DESCRIPTOR.message_types_by_name.values():
        reason = message.enum_types_by_name.get("Reason")
        if reason is not None and info.reason in reason.values_by_name:
            return message.name, reason.values_by_name[info.reason].number
    fail(call, f"reason {info.reason} is in no Reason enum of divider_errors.proto")


def fail(call, why):
    sys.exit(f"{call['label']}: {why}")


def custom_message(call, detail, divider_pb2):
    """The fields of a Goa custom error type's message of divider.proto, or
    None when detail is no message of divider.proto."""
    package, _, name = detail.type_url.rpartition("/")[2].rpartition(".")
    message_type = getattr(divider_pb2, name, None) if package == "divider" else None
    if message_type is None:
        return None
    message = message_type()
    if not detail.Unpack(message):
        fail(call, f"details[0] is not a {name}")
    return {field.name: value for field, value in message.ListFields()}


def decode(call, error, goapb, divider_pb2, reasons_pb2):
    """What a peer reads of a failed call, checked as described above."""
    status = rpc_status.from_call(error)  # raises on disagreeing details
    if status is None:
        fail(call, "no grpc-status-details-bin")
    if not status.details:
        fail(call, "no details")
    custom = custom_message(call, status.details[0], divider_pb2)
    first = status.details[1 if custom is not None else 0]
    goa = goapb.ErrorResponse()
    if not first.Is(goa.DESCRIPTOR) or not first.Unpack(goa):
        fail(call, f"details[0] is {first.type_url}, not goapb.ErrorResponse")
    if goa.msg != error.details():
        fail(call, f"goapb msg {goa.msg!r} is not the status message {error.details()!r}")

    infos = [d for d in status.details if d.Is(error_details_pb2.ErrorInfo.DESCRIPTOR)]
    if len(infos) != 1:
        fail(call, f"{len(infos)} ErrorInfo details")
    info = error_details_pb2.ErrorInfo()
    infos[0].Unpack(info)
    if not REASON.fullmatch(info.reason) or len(info.reason) > 63:
        fail(call, f"reason {info.reason!r} breaks AIP-193")
    if not DOMAIN.fullmatch(info.domain):
        fail(call, f"domain {info.domain!r} is not a DNS name")
    for key in info.metadata:
        if not METADATA_KEY.fullmatch(key) or len(key) > 64:
            fail(call, f"metadata key {key!r} is not lowerCamelCase")
    if info.metadata.get("id") != goa.id:
        fail(call, "the ErrorInfo id is not the goapb id")

    out = {
        "label": call["label"],
        "code": error.code().name,
        "message": error.details(),
        "types": [d.type_url for d in status.details],
        "goa": {
            "name": goa.name,
            "id": goa.id,
            "msg": goa.msg,
            "temporary": goa.temporary,
            "timeout": goa.timeout,
            "fault": goa.fault,
        },
        "reason": info.reason,
        "domain": info.domain,
        "metadata": dict(info.metadata),
    }
    if custom is not None:
        out["custom"] = custom
    out["reason_enum"], out["reason_number"] = reason_enum(call, info, reasons_pb2)
    for detail in status.details:
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            out["retry_delay_secs"] = retry.retry_delay.seconds
        if detail.Is(error_details_pb2.LocalizedMessage.DESCRIPTOR):
            localized = error_details_pb2.LocalizedMessage()
            detail.Unpack(localized)
            out["localized"] = {"locale": localized.locale, "message": localized.message}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proto-dir", action="append", required=True)
    parser.add_argument("--calls", required=True, help="JSON list of {label, target, method, a, b, authorization}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out_dir:
        divider_pb2, divider_grpc, goapb, reasons_pb2 = compile_protos(args.proto_dir, out_dir)
        for call in json.loads(args.calls):
            with grpc.insecure_channel(call["target"]) as channel:
                stub = divider_grpc.DividerStub(channel)
                if call["method"] == "IntegerDivide":
                    method, request = stub.IntegerDivide, divider_pb2.IntegerDivideRequest(a=call["a"], b=call["b"])
                else:
                    method, request = stub.Divide, divider_pb2.DivideRequest(a=call["a"], b=call["b"])
                metadata = [("authorization", call["authorization"])] if call.get("authorization") else None
                try:
                    method(request, metadata=metadata, timeout=10)
                except grpc.RpcError as error:
                    print(json.dumps(decode(call, error, goapb, divider_pb2, reasons_pb2)), flush=True)
                else:
                    fail(call, "the call succeeded")


if __name__ == "__main__":
    main()
