#!/usr/bin/env python3
"""Executions per second: moto's Step Functions (state machine execution on) against
stepfn-local, on the same definitions (bench/machines/*.asl.json), in one run.

Usage: python3 bench/moto_compare.py [--count 50] [--timeout 120] [--rust-seconds 2]

The script creates bench/.venv (git-ignored) with a pinned moto[server] the first time,
re-runs itself inside it, starts moto_server on 127.0.0.1 (a free port), turns on moto's
real execution of state machines (config `stepfunctions.execute_state_machine`; the
`SF_EXECUTION_HISTORY_TYPE` variable only shapes moto's canned histories), runs a fixed
number of executions of each workload one after another, each bounded by a timeout, then
runs the engine's equivalent (`cargo bench -p stepfn-local --bench moto_equivalent`) and
prints the ratios. Results also go to bench/out/moto_compare.json.
"""

import argparse
import datetime
import itertools
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

MOTO_VERSION = "5.2.5"
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV = BENCH / ".venv"
MACHINES = BENCH / "machines"
OUT = BENCH / "out"
ACCOUNT = "123456789012"
REGION = "us-east-1"
# The workloads both sides run; a Wait of one year runs on the engine only (moto would
# sleep for a year).
MOTO_WORKLOADS = ["pass-chain-100", "callback-sqs"]
RUST_WORKLOADS = ["pass-chain-100", "callback-sqs", "callback-lambda", "wait-one-year"]


def venv_python() -> Path:
    return VENV / "bin" / "python"


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> None:
    """Creates the venv with the pinned moto and re-runs this script inside it."""
    if in_venv():
        return
    if not venv_python().exists():
        print(f"creating {VENV} with moto[server]=={MOTO_VERSION}", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    check = [str(venv_python()), "-c", f"import moto, sys; sys.exit(moto.__version__ != '{MOTO_VERSION}')"]
    if subprocess.run(check, capture_output=True).returncode != 0:
        pip = [str(venv_python()), "-m", "pip", "install", "-q", f"moto[server]=={MOTO_VERSION}"]
        subprocess.run(pip, check=True)
    os.execv(str(venv_python()), [str(venv_python()), __file__, *sys.argv[1:]])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto() -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [str(VENV / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        raise SystemExit("moto_server did not start within 30 s")
    request = urllib.request.Request(
        f"{endpoint}/moto-api/config",
        data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=5)
    return server, endpoint


def clients(endpoint: str):
    import boto3

    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    return session.client("stepfunctions", endpoint_url=endpoint), session.client(
        "sqs", endpoint_url=endpoint
    )


def wait_for_end(sfn, arn: str, deadline: float) -> str:
    while True:
        status = sfn.describe_execution(executionArn=arn)["status"]
        if status != "RUNNING":
            return status
        if time.monotonic() > deadline:
            return "RUNNING"
        time.sleep(0.002)


def answer_callback(sfn, sqs, queue_url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1).get("Messages", [])
        if messages:
            message = messages[0]
            token = json.loads(message["Body"])["token"]
            sfn.send_task_success(taskToken=token, output=json.dumps({"ok": True}))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            return
        time.sleep(0.002)


def run_moto(workload: str, count: int, timeout: float, endpoint: str) -> dict:
    sfn, sqs = clients(endpoint)
    queue_url = sqs.create_queue(QueueName=f"bench-{workload}")["QueueUrl"]
    definition = (MACHINES / f"{workload}.asl.json").read_text()
    machine = sfn.create_state_machine(
        name=workload,
        definition=definition,
        roleArn=f"arn:aws:iam::{ACCOUNT}:role/bench",
    )["stateMachineArn"]
    payload = json.dumps({"queueUrl": queue_url, "n": 1})
    names = (f"run-{i}" for i in itertools.count())

    def once(deadline: float) -> str:
        # moto names every unnamed execution alike, so each gets a name.
        arn = sfn.start_execution(stateMachineArn=machine, name=next(names), input=payload)[
            "executionArn"
        ]
        if workload.startswith("callback"):
            answer_callback(sfn, sqs, queue_url, deadline)
        return wait_for_end(sfn, arn, deadline)

    warm = once(time.monotonic() + timeout)
    if warm != "SUCCEEDED":
        raise SystemExit(f"moto: the {workload} warm-up execution ended {warm}")
    started = time.monotonic()
    deadline = started + timeout
    done, statuses = 0, {}
    while done < count and time.monotonic() < deadline:
        status = once(deadline)
        statuses[status] = statuses.get(status, 0) + 1
        done += 1
    elapsed = time.monotonic() - started
    return {
        "workload": workload,
        "executions": done,
        "seconds": elapsed,
        "executions_per_second": done / elapsed,
        "statuses": statuses,
        "timed_out": done < count,
    }


def run_engine(seconds: float) -> tuple[dict, str]:
    command = [
        "cargo", "bench", "-q", "-p", "stepfn-local", "--bench", "moto_equivalent", "--",
        "--seconds", str(seconds), *RUST_WORKLOADS,
    ]
    result = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {line["workload"]: line for line in lines}, " ".join(command)


def machine_description() -> str:
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        fields = dict(
            (k.strip(), v.strip()) for k, v in (line.split(":", 1) for line in lscpu.splitlines() if ":" in line)
        )
        return f"{fields.get('Model name', '?')}, {fields.get('CPU(s)', '?')} CPUs"
    except OSError:
        return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="moto executions per workload")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per moto workload")
    parser.add_argument("--rust-seconds", type=float, default=2.0, help="seconds per engine workload")
    args = parser.parse_args()
    ensure_venv()

    server, endpoint = start_moto()
    try:
        moto = {w: run_moto(w, args.count, args.timeout, endpoint) for w in MOTO_WORKLOADS}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    engine, engine_command = run_engine(args.rust_seconds)
    rows = []
    for workload in RUST_WORKLOADS:
        ours = engine[workload]["executions_per_second"]
        theirs = moto.get(workload, {}).get("executions_per_second")
        ratio = ours / theirs if theirs else None
        rows.append({"workload": workload, "moto": theirs, "stepfn_local": ours, "ratio": ratio})

    import moto as moto_package

    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_description(),
        "moto_version": moto_package.__version__,
        "python": platform.python_version(),
        "moto_setting": {"stepfunctions": {"execute_state_machine": True}},
        "moto": moto,
        "stepfn_local": engine,
        "engine_command": engine_command,
        "rows": rows,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "moto_compare.json").write_text(json.dumps(report, indent=2) + "\n")

    print(f"| workload | moto {report['moto_version']} exec/s | stepfn-local exec/s | ratio |")
    print("|---|---:|---:|---:|")
    for row in rows:
        moto_cell = f"{row['moto']:.1f}" if row["moto"] else "not run"
        ratio_cell = f"{row['ratio']:,.0f}x" if row["ratio"] else "-"
        print(f"| {row['workload']} | {moto_cell} | {row['stepfn_local']:,.0f} | {ratio_cell} |")
    print(f"\nwritten to {OUT / 'moto_compare.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
