"""Runs Waymark's ASL exports in moto's Step Functions, one scripted customer at a time, on a
virtual clock, and prints each customer's path through the journey's nodes as JSON.

Usage: python run_asl.py DIR

For every DIR/<journey>.customers.json (written by tests/export_engines.rs) whose journey has an
ASL export (DIR/<journey>.asl.json), one execution runs per customer. This script plays the
runtime the export's contract (docs/export.md) asks for, over the SQS queue in `queueUrl`:
- the input carries `customerId` and `splitBuckets` (computed with `waymark-split/1`);
- `wait_for_event` callbacks are answered with the port of the first awaited event the
  customer does before the timeout; otherwise the task times out for real in moto, with its
  `TimeoutSeconds` shortened to one second (the virtual clock moves by the real timeout);
- `wait_until` callbacks are answered when the virtual clock reaches the time or date;
- `profile` callbacks are answered at once with the attributes and facts asked for;
- `update` messages change the profile; `message` messages are delivered;
- after each scripted event, the execution is stopped when a goal or exit criterion that exits
  (the plan's `interrupts`) holds.
Wait states are made to wait on the virtual clock instead of sleeping. The virtual clock moves
only when the execution is idle, to the next thing due.
Output: {"<journey>": {"<customer>": {"path": [{"t": seconds, "node": id}], "error": text?}}},
plus "splitBuckets": the buckets this script computes for DIR/split-buckets.json, if present.
"""

import datetime
import json
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import boto3
from moto import mock_aws
from moto.stepfunctions.parser.asl.component.state.wait.wait_function import wait_function

DAY = 86_400
REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/waymark"
# How long the execution must show no progress to count as idle, in real seconds.
IDLE = 0.05
# The callback timeout an unanswered wait for events is given, in real seconds.
REAL_TIMEOUT = 1


class VirtualClock:
    """Seconds since the start of the run; Wait states block until it reaches their end."""

    def __init__(self):
        self.now = 0
        self.condition = threading.Condition()
        self.waking = []  # wake times of the Wait states now waiting

    def wait(self, env, seconds):
        with self.condition:
            wake = self.now + seconds
            self.waking.append(wake)
            while self.now < wake and env.is_running():
                self.condition.wait(0.05)
            self.waking.remove(wake)

    def advance(self, to):
        with self.condition:
            self.now = max(self.now, to)
            self.condition.notify_all()


CLOCK = VirtualClock()
wait_function.WaitFunction._wait_interval = lambda self, env, wait_seconds: CLOCK.wait(env, wait_seconds)


def split_bucket(customer_id, split_id):
    """The bucket of a customer at a split (`waymark-split/1`): FNV-1a 64 over `customer_id`,
    U+001F and `split_id` as UTF-8, modulo 10,000."""
    value = 0xCBF29CE484222325
    for byte in f"{customer_id}\x1f{split_id}".encode():
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value % 10_000


def shortened(definition):
    """The definition with every wait for events timing out after `REAL_TIMEOUT` real seconds."""

    def visit(states):
        for state in states.values():
            body = state.get("Parameters", {}).get("MessageBody", {})
            if isinstance(body, dict) and body.get("kind") == "wait_for_event":
                state["TimeoutSeconds"] = REAL_TIMEOUT
            for branch in state.get("Branches", []):
                visit(branch["States"])

    visit(definition["States"])
    return definition


def state_kinds(states, kinds=None):
    """Each state's kind as the runner waits on it: `wait`, `callback` (a task that waits for
    its token), `parallel` or `other`."""
    kinds = {} if kinds is None else kinds
    for name, state in states.items():
        if state["Type"] == "Wait":
            kinds[name] = "wait"
        elif state["Type"] == "Task" and state.get("Resource", "").endswith(".waitForTaskToken"):
            kinds[name] = "callback"
        elif state["Type"] == "Parallel":
            kinds[name] = "parallel"
            for branch in state["Branches"]:
                state_kinds(branch["States"], kinds)
        else:
            kinds[name] = "other"
    return kinds


def node_of(state_name, nodes):
    """The node a state stands for: `<id>` or a copy `<id>#2`; helper states (`<id>:word`)
    stand for none."""
    if ":" in state_name:
        return None
    node = re.sub(r"#\d+$", "", state_name)
    return node if node in nodes else None


class Profile:
    """What the runtime knows of the customer: attributes, events and engagement."""

    def __init__(self, customer, start):
        self.attributes = dict(customer["attributes"])
        self.events = [(e["at_seconds"], e["name"]) for e in customer["events"] if e["at_seconds"] <= customer["entered_at"]]
        self.engagement = {}
        self.start = start

    def holds(self, condition, now, floor=None):
        """A plan condition at `now`; events count after `floor` when given (goals)."""
        if "all" in condition:
            return all(self.holds(c, now, floor) for c in condition["all"])
        if "any" in condition:
            return any(self.holds(c, now, floor) for c in condition["any"])
        if "not" in condition:
            return not self.holds(condition["not"], now, floor)
        if "event" in condition:
            return self.fact(condition, now, floor)
        if "message" in condition:
            return condition["engaged"] in self.engagement.get(condition["message"], [])
        return self.compare(condition)

    def fact(self, fact, now, floor=None):
        if "message" in fact:
            return fact["engaged"] in self.engagement.get(fact["message"], [])
        within = (fact.get("within") or {}).get("seconds")
        times = [t for t, name in self.events if name == fact["event"] and t <= now]
        times = [t for t in times if (within is None or t >= now - within) and (floor is None or t > floor)]
        return len(times) >= (fact.get("min_count") or 1)

    def compare(self, condition):
        value = self.attributes.get(condition["attr"])
        op, literal = condition["op"], condition.get("value")
        if op == "exists":
            return value is not None
        if op == "not_exists":
            return value is None
        if op == "eq":
            return value == literal
        if op == "ne":
            return value != literal
        if op == "in":
            return value in literal
        if op == "not_in":
            return value not in literal
        if op == "contains":
            return isinstance(value, list) and literal in value
        if value is None or type(value) is not type(literal) and not all(isinstance(x, (int, float)) for x in (value, literal)):
            return False
        return {"gt": value > literal, "gte": value >= literal, "lt": value < literal, "lte": value <= literal}[op]

    def apply(self, change):
        (kind, value), = change.items()
        if kind == "set":
            self.attributes[value["attr"]] = value["value"]
        elif kind == "increment":
            now = self.attributes.get(value["attr"])
            self.attributes[value["attr"]] = (now if isinstance(now, (int, float)) else 0) + value["by"]
        elif kind == "add_tag":
            tags = self.attributes.setdefault("tags", [])
            if value not in tags:
                tags.append(value)
        elif kind == "remove_tag":
            self.attributes["tags"] = [t for t in self.attributes.get("tags", []) if t != value]
        elif kind == "lifecycle_stage":
            self.attributes["lifecycle_stage"] = value


def wake_time(request, profile, now, start):
    """When a `wait_until` callback is due (customers are in UTC)."""
    if "time" in request:
        hour, minute = map(int, request["time"].split(":"))
        days = request.get("weekdays") or []
        names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        midnight = now - (start + now) % DAY
        for day in range(15):
            candidate = midnight + day * DAY + hour * 3600 + minute * 60
            weekday = names[datetime.datetime.fromtimestamp(start + candidate, datetime.timezone.utc).weekday()]
            if candidate >= now and (not days or weekday in days):
                return candidate
        return now
    day = profile.attributes.get(request["attr"])
    if not isinstance(day, str):
        return now
    at = int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.timezone.utc).timestamp()) - start
    return max(now, at + (request.get("offset") or {}).get("seconds", 0))


class Run:
    """One customer's execution and what is due in it."""

    def __init__(self, clients, machine, journey, plan, customer, start):
        arn, kinds = machine
        self.sfn, self.sqs = clients
        self.customer = customer
        self.nodes = set(journey["nodes"])
        self.plan = plan
        self.profile = Profile(customer, start)
        self.start = start
        self.entered = customer["entered_at"]
        self.horizon = journey["horizon_seconds"]
        self.events = [e for e in customer["events"] if e["at_seconds"] > self.entered]
        self.due = []  # (time, order, action, payload): answers and timeouts of callbacks
        self.expected_timeouts = 0
        self.kinds = kinds
        # Callback requests received and answered, by node.
        self.received, self.answered = Counter(), Counter()
        self.seen = 0
        self.path = []
        self.queue = self.sqs.create_queue(QueueName=f"waymark-{journey['journey']}-{customer['id']}")["QueueUrl"]
        buckets = {
            node["id"]: split_bucket(customer["id"], node["bucket"]["split_id"])
            for node in plan["nodes"]
            if node.get("kind") == "split"
        }
        CLOCK.advance(self.entered)
        payload = {"customerId": customer["id"], "queueUrl": self.queue, "splitBuckets": buckets}
        started = self.sfn.start_execution(stateMachineArn=arn, name=customer["id"], input=json.dumps(payload))
        self.execution = started["executionArn"]

    def running(self):
        status = self.sfn.describe_execution(executionArn=self.execution)["status"]
        return status == "RUNNING" and not self.ended(self.history())

    @staticmethod
    def ended(history):
        ends = ("ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut")
        return any(e["type"] in ends for e in history)

    def stop(self, cause):
        """Stops the execution, as the runtime does when a goal or exit criterion exits."""
        deadline = time.monotonic() + 10
        while self.running() and time.monotonic() < deadline:
            try:
                self.sfn.stop_execution(executionArn=self.execution, cause=cause)
                break
            except AttributeError:
                # moto fails so when the execution's thread has not started yet: try again.
                time.sleep(0.01)
        while (self.running() or CLOCK.waking) and time.monotonic() < deadline:
            time.sleep(0.01)

    def history(self):
        events, token = [], None
        while True:
            args = {"executionArn": self.execution, "maxResults": 1000}
            if token:
                args["nextToken"] = token
            page = self.sfn.get_execution_history(**args)
            events += page["events"]
            token = page.get("nextToken")
            if not token:
                return events

    def settle(self, progress=True):
        """Waits until the execution makes no progress, answering what is due at once; the
        arrivals since the last look happened now. With `progress`, the execution is known to
        have something to do, so it is not idle before its history grows."""
        quiet_since, last = time.monotonic(), None
        while True:
            received = self.receive()
            history = self.history()
            timed_out = sum(1 for e in history if e["type"] == "TaskTimedOut")
            state = (len(history), len(CLOCK.waking), received)
            waiting = progress and len(history) <= self.seen and not self.ended(history)
            busy = waiting or timed_out < self.expected_timeouts or not self.blocked(history)
            if state != last or busy:
                quiet_since, last = time.monotonic(), state
            elif time.monotonic() - quiet_since >= IDLE:
                break
            time.sleep(0.01)
        for event in history[self.seen:]:
            if event["type"].endswith("StateEntered"):
                node = node_of(event["stateEnteredEventDetails"]["name"], self.nodes)
                if node:
                    self.path.append({"t": CLOCK.now, "node": node})
        self.seen = len(history)

    def blocked(self, history):
        """Whether every branch of the execution waits: in a Wait state on the virtual clock, or
        in a callback task whose request came and whose answer, if sent, it took."""
        if self.ended(history):
            return True
        entered, exited = Counter(), Counter()
        for event in history:
            details = event.get("stateEnteredEventDetails") or event.get("stateExitedEventDetails")
            if details:
                (entered if event["type"].endswith("StateEntered") else exited)[details["name"]] += 1
        waits, arrived, left = 0, Counter(), Counter()
        for name, count in entered.items():
            kind, node = self.kinds.get(name), re.sub(r"#\d+$", "", name)
            if kind == "callback":
                arrived[node] += count
                left[node] += exited[name]
            elif count > exited[name]:
                if kind == "wait":
                    waits += count - exited[name]
                elif kind != "parallel":
                    return False
        if waits != len(CLOCK.waking):
            return False
        return all(self.received[n] >= arrived[n] and left[n] >= self.answered[n] for n in arrived)

    def receive(self):
        """Handles the requests on the queue; returns how many there were."""
        messages = self.sqs.receive_message(QueueUrl=self.queue, MaxNumberOfMessages=10).get("Messages", [])
        for message in messages:
            self.sqs.delete_message(QueueUrl=self.queue, ReceiptHandle=message["ReceiptHandle"])
            self.handle(json.loads(message["Body"]))
        return len(messages)

    def handle(self, request):
        now, kind = CLOCK.now, request["kind"]
        if "taskToken" in request:
            self.received[request["node"]] += 1
        if kind == "message":
            self.profile.engagement.setdefault(request["node"], []).append("delivered")
        elif kind == "update":
            for change in request["changes"]:
                self.profile.apply(change)
        elif kind == "profile":
            attributes = {a: self.profile.attributes.get(a) for a in request["attributes"]}
            facts = {f["id"]: self.profile.fact(f, now) for f in request["facts"]}
            self.answer(request["taskToken"], {"attributes": attributes, "facts": facts}, request["node"])
        elif kind == "wait_until":
            answer = (request["taskToken"], {}, request["node"])
            self.due.append((wake_time(request, self.profile, now, self.start), 2, "answer", answer))
        elif kind == "wait_for_event":
            timeout = request["timeoutSeconds"] if "timeoutSeconds" in request else self.timeout_of(request["node"])
            ports = {e["event"]: e["port"] for e in request["events"]}
            came = [e for e in self.events if e["name"] in ports and now < e["at_seconds"] < now + timeout]
            if came:
                first = came[0]
                port = {"event": first["name"], "port": ports[first["name"]]}
                answer = (request["taskToken"], port, request["node"])
                self.due.append((first["at_seconds"], 1, "answer", answer))
            else:
                self.due.append((now + timeout, 0, "timeout", None))
        else:
            raise RuntimeError(f"unknown request kind {kind}")

    def timeout_of(self, node):
        for plan_node in self.plan["nodes"]:
            if plan_node["id"] == node:
                return plan_node["timeout"]["seconds"]
        raise RuntimeError(f"no timeout for {node}")

    def answer(self, token, output, node):
        self.answered[node] += 1
        self.sfn.send_task_success(taskToken=token, output=json.dumps(output))

    def step(self):
        """Moves the clock to the next thing due and does it; False when nothing is."""
        waits = [(w, 3, "wake", None) for w in CLOCK.waking]
        events = [(e["at_seconds"], 2.5, "event", e) for e in self.events[:1]]
        pending = sorted(self.due + waits + events, key=lambda d: (d[0], d[1]))
        if not pending or pending[0][0] >= self.horizon or not self.running():
            return False
        at, _, action, payload = pending[0]
        CLOCK.advance(at)
        self.progress = action != "event"
        if action == "answer":
            self.due.remove(pending[0])
            self.answer(*payload)
        elif action == "timeout":
            self.due.remove(pending[0])
            self.expected_timeouts += 1
        elif action == "event":
            self.events.pop(0)
            self.profile.events.append((at, payload["name"]))
            self.check_interrupts(at)
        return True

    def check_interrupts(self, now):
        for interrupt in self.plan["interrupts"]:
            window = (interrupt.get("within") or {}).get("seconds")
            if not interrupt["exits"] or (window is not None and now - self.entered > window):
                continue
            if self.profile.holds(interrupt["condition"], now, floor=self.entered):
                self.stop(f"{interrupt['kind']} {interrupt['id']}")
                return


def run_customer(clients, machine, journey, plan, customer, start):
    run = Run(clients, machine, journey, plan, customer, start)
    run.settle()
    while run.step():
        run.settle(run.progress)
    run.stop("the scripted run is over")
    return {"path": run.path}


@mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
def main(folder):
    clients = (boto3.client("stepfunctions", region_name=REGION), boto3.client("sqs", region_name=REGION))
    out = {}
    for file in sorted(folder.glob("*.customers.json")):
        journey = json.loads(file.read_text())
        name = journey["journey"]
        asl = folder / f"{name}.asl.json"
        if not asl.exists():
            continue
        plan = json.loads((folder / f"{name}.plan.json").read_text())
        definition = shortened(json.loads(asl.read_text()))
        created = clients[0].create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)
        machine = (created["stateMachineArn"], state_kinds(definition["States"]))
        start = int(datetime.datetime.fromisoformat(journey["start"].replace("Z", "+00:00")).timestamp())
        out[name] = {}
        for customer in journey["customers"]:
            CLOCK.now = 0
            try:
                out[name][customer["id"]] = run_customer(clients, machine, journey, plan, customer, start)
            except Exception as error:  # reported per customer, so one failure shows the others
                out[name][customer["id"]] = {"path": [], "error": f"{type(error).__name__}: {error}"}
    fixture = folder / "split-buckets.json"
    if fixture.exists():
        pairs = json.loads(fixture.read_text())
        out["splitBuckets"] = [{**pair, "bucket": split_bucket(pair["customer"], pair["split"])} for pair in pairs]
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python run_asl.py DIR", file=sys.stderr)
        sys.exit(2)
    main(Path(sys.argv[1]))
