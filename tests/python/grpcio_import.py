"""ImportFeedback from Python grpcio, as a customer's bulk loader would call it.

grpcio sends each streamed message in its own HTTP/2 DATA frame: tens of thousands of small
frames, which is what once tripped h2's flood guard (GOAWAY ENHANCE_YOUR_CALM). Stubs are
generated from proto/ at run time with grpc_tools, into a temporary folder.

Prints one JSON line: {"ok": true, "accepted": N, "duplicates": N, "rejected": N, "seconds": S,
"health": "SERVING"} or {"ok": false, "code": "...", "details": "..."}.
"""

import argparse
import importlib
import json
import os
import sys
import tempfile
import time

import grpc
from grpc_tools import protoc


def generate_stubs(proto_root, out_dir):
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    files = [
        os.path.join(dirpath, name)
        for dirpath, _, names in os.walk(os.path.join(proto_root, "sift"))
        for name in names
        if name.endswith(".proto")
    ]
    args = ["protoc", f"-I{proto_root}", f"-I{include}", f"--python_out={out_dir}",
            f"--grpc_python_out={out_dir}"] + files
    if protoc.main(args) != 0:
        raise SystemExit("grpc_tools.protoc failed")
    sys.path.insert(0, out_dir)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--addr", required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--proto", required=True)
    parser.add_argument("--prefix", default="py")
    # grpcio refuses answers over 4 MiB by default; an import's report names every item.
    parser.add_argument("--max-receive-bytes", type=int, default=0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as out:
        generate_stubs(args.proto, out)
        feedback_pb2 = importlib.import_module("sift.v1.feedback_pb2")
        feedback_grpc = importlib.import_module("sift.v1.feedback_pb2_grpc")
        from google.protobuf import timestamp_pb2

        now = timestamp_pb2.Timestamp(seconds=int(time.time()))
        support = feedback_pb2.Source.Value("SOURCE_SUPPORT")

        def items():
            # About 60 bytes each on the wire, like the import.
            for i in range(args.items):
                yield feedback_pb2.ImportFeedbackRequest(
                    feedback=feedback_pb2.FeedbackInput(
                        source=support,
                        source_ref=f"{args.prefix}-{i}",
                        account_external_id=f"acct-{i % 50}",
                        body=f"export to csv {i % 97}",
                        occurred_at=now,
                    )
                )

        metadata = [("authorization", f"Bearer {args.token}")] if args.token else []
        options = []
        if args.max_receive_bytes:
            options.append(("grpc.max_receive_message_length", args.max_receive_bytes))
        with grpc.insecure_channel(args.addr, options=options) as channel:
            stub = feedback_grpc.FeedbackServiceStub(channel)
            started = time.monotonic()
            try:
                reply = stub.ImportFeedback(items(), metadata=metadata, timeout=600)
            except grpc.RpcError as err:
                print(json.dumps({"ok": False, "code": err.code().name,
                                  "details": err.details()}))
                return
            seconds = time.monotonic() - started
            # Another call on the same channel afterwards: the connection is still fine.
            health = "UNKNOWN"
            try:
                health_pb2 = importlib.import_module("grpc_health.v1.health_pb2")
                health_grpc = importlib.import_module("grpc_health.v1.health_pb2_grpc")
                check = health_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service="sift.v1.FeedbackService"), timeout=10)
                health = health_pb2.HealthCheckResponse.ServingStatus.Name(check.status)
            except ImportError:
                try:
                    listed = stub.ListFeedback(feedback_pb2.ListFeedbackRequest(page_size=1),
                                               metadata=metadata, timeout=10)
                    health = "SERVING" if len(listed.feedback) == 1 else "EMPTY"
                except grpc.RpcError as err:
                    health = err.code().name
            print(json.dumps({"ok": True, "accepted": reply.accepted,
                              "duplicates": reply.duplicates, "rejected": reply.rejected,
                              "seconds": round(seconds, 3), "health": health}))


if __name__ == "__main__":
    main()
