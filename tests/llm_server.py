"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1, for tests and for trying the CLI.

It answers ``POST .../chat/completions`` with scripted steps, in order (the last step repeats),
and records every request (path, headers with lower-case names, JSON body) and the usage it reported. A step is a dict:

- ``{"payload": {...}}``: the structured answer. Sent as a tool call when the request offers tools
  (instructor's tools mode), else as the message content (json / md_json modes).
- ``{"content": "..."}``: raw message content, e.g. garbage.
- ``{"status": 429, "headers": {"Retry-After": "0"}, "body": {...}}``: an HTTP error.
- ``{"raw_body": "..."}``: a 200 answer whose body is not a chat completion.
- ``{"payload": {...}, "only_quoted": true}``: like payload, but only the claims and flags whose
  quote occurs in the request's last message (a model that reads just the chunk it was sent).
- ``{"payload": {...}, "reject_schema_format": true}``: answers HTTP 422 to a ``response_format`` of
  type ``json_schema`` (as llama-cpp-python does, which wants ``{"type": "json_object", "schema": ...}``);
  such a rejected request does not use up the step.
- optional on any step: ``"sleep"`` seconds before answering, ``"usage"`` {prompt_tokens,
  completion_tokens} (default: a deterministic estimate from the request and answer sizes),
  ``"finish_reason"``.

By hand (then point the CLI at it)::

    python -m tests.llm_server --port 8765 --reply fixtures/llm/amazon-restructuring.json
    OPENAI_BASE_URL=http://127.0.0.1:8765/v1 OPENAI_API_KEY=x \
        verifier check fixtures/articles/amazon-restructuring.txt --extractor llm --format json

``models=[{"id": ..., "owned_by": "llamacpp"}]`` makes ``GET .../models`` answer like a local server
(without it that path is 404, like a bare gateway). Each record has the client's port
(``client_port``): requests over one kept-alive connection share it.

A reply file is either ``{"steps": [step, ...]}`` or a bare payload ``{"claims": [...], "flags": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional


def load_steps(path: str | Path) -> list[dict[str, Any]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("steps"), list):
        return data["steps"]
    if isinstance(data, dict) and "claims" in data:
        return [{"payload": data}]
    raise ValueError(f"{path}: expected {{'steps': [...]}} or a payload with 'claims'")


class ScriptedLLMServer:
    """Start with ``with ScriptedLLMServer(steps) as server:``; ``server.url`` ends in /v1."""

    def __init__(
        self, steps: Optional[list[dict[str, Any]]] = None, port: int = 0, on_request: Optional[Any] = None,
        models: Optional[list[dict[str, Any]]] = None,
    ) -> None:
        self.steps: list[dict[str, Any]] = list(steps or [])
        self.models = models
        self.on_request = on_request  # called with (number, record) after each answer
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._served = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: Optional[threading.Thread] = None

    # -- control -------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *steps: dict[str, Any]) -> None:
        with self._lock:
            self.steps.extend(steps)

    def start(self) -> "ScriptedLLMServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="scripted-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "ScriptedLLMServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def prompt_tokens(self) -> int:
        return sum(r["usage"]["prompt_tokens"] for r in self.requests if r.get("usage"))

    @property
    def completion_tokens(self) -> int:
        return sum(r["usage"]["completion_tokens"] for r in self.requests if r.get("usage"))

    # -- answering -----------------------------------------------------------------------------
    def _next_step(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if not self.steps:
                return {"status": 500, "body": {"error": {"message": "scripted server: no steps"}}}
            step = self.steps[min(self._served, len(self.steps) - 1)]
            fmt = body.get("response_format") or {}
            if step.get("reject_schema_format") and fmt.get("type") == "json_schema":
                return {"status": 422, "body": {"detail": [{"loc": ["body", "response_format", "type"],
                                                            "msg": "Input should be 'text' or 'json_object'"}]}}  # fmt: skip
            self._served += 1
            return step

    def answer(self, path: str, headers: dict[str, str], raw: bytes, client_port: int = 0) -> tuple[int, dict[str, str], bytes]:
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_unparsed": raw.decode("utf-8", "replace")}
        record: dict[str, Any] = {"path": path, "headers": headers, "body": body, "usage": None, "client_port": client_port}
        with self._lock:
            self.requests.append(record)
        step = self._next_step(body)
        if step.get("sleep"):
            time.sleep(float(step["sleep"]))
        if "status" in step:
            payload = json.dumps(step.get("body") or {"error": {"message": f"scripted HTTP {step['status']}"}})
            return int(step["status"]), dict(step.get("headers") or {}), payload.encode("utf-8")
        if "raw_body" in step:
            return 200, {}, str(step["raw_body"]).encode("utf-8")

        model = body.get("model", "scripted")
        message: dict[str, Any] = {"role": "assistant", "content": None}
        if "payload" in step:
            payload = step["payload"]
            if step.get("only_quoted"):
                seen = str((body.get("messages") or [{}])[-1].get("content", ""))
                payload = {
                    **payload,
                    "claims": [c for c in payload.get("claims", []) if c.get("quote", "") in seen],
                    "flags": [f for f in payload.get("flags", []) if f.get("quote", "") in seen],
                }
            arguments = json.dumps(payload, ensure_ascii=False)
            tools = body.get("tools") or []
            if tools:
                name = tools[0].get("function", {}).get("name", "ArticleExtraction")
                message["tool_calls"] = [
                    {"id": f"call_{len(self.requests)}", "type": "function", "function": {"name": name, "arguments": arguments}}
                ]
            else:
                message["content"] = arguments
        else:
            arguments = str(step.get("content", ""))
            message["content"] = arguments
        usage = step.get("usage") or {
            # what a provider bills as prompt: the messages and the tool schema, ~4 characters a token
            "prompt_tokens": max(1, len(json.dumps([body.get("messages", []), body.get("tools", [])])) // 4),
            "completion_tokens": max(1, len(arguments) // 4),
        }
        usage = {**usage, "total_tokens": usage["prompt_tokens"] + usage["completion_tokens"]}
        record["usage"] = usage
        completion = {
            "id": f"chatcmpl-scripted-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": step.get("finish_reason", "tool_calls" if message.get("tool_calls") else "stop"),
                }
            ],
            "usage": usage,
        }
        return 200, {}, json.dumps(completion).encode("utf-8")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if not self.path.split("?")[0].endswith("/chat/completions"):
                    status, headers, payload = 404, {}, b'{"error": {"message": "only /chat/completions is scripted"}}'
                else:
                    status, headers, payload = server.answer(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, raw, self.client_address[1]
                    )
                    if server.on_request is not None:
                        server.on_request(len(server.requests), status, server.requests[-1])
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, str(value))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                if server.models is not None and self.path.split("?")[0].endswith("/models"):
                    status = 200
                    payload = json.dumps({"object": "list", "data": [{"object": "model", **m} for m in server.models]}).encode()
                else:
                    status, payload = 404, b'{"error": {"message": "not found"}}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
                return

        return Handler


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Scripted OpenAI-compatible server on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reply", required=True, help="JSON file: {'steps': [...]} or a bare payload.")
    args = parser.parse_args(argv)
    def report(number: int, status: int, record: dict[str, Any]) -> None:
        usage = record.get("usage") or {}
        print(
            f"request {number}: {record['path']} -> HTTP {status}, prompt_tokens={usage.get('prompt_tokens', 0)} "
            f"completion_tokens={usage.get('completion_tokens', 0)}",
            flush=True,
        )

    server = ScriptedLLMServer(load_steps(args.reply), port=args.port, on_request=report).start()
    print(f"scripted LLM server on {server.url} (Ctrl-C stops it)", flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        print(f"served {len(server.requests)} request(s)", flush=True)
        server.stop()


if __name__ == "__main__":
    main()
