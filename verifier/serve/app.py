"""The ASGI application: the editors' page, the JSON API and the guard in front of both.

The guard (pure ASGI, outermost) answers before any route runs:
- with a token, every request needs ``Authorization: Bearer TOKEN`` (a browser may send the token
  as the password of HTTP Basic, which it prompts for); without one, only loopback ``Host``
  headers are served, so a web page cannot reach the server by DNS rebinding;
- a POST whose ``Origin`` is another site is refused (a page elsewhere cannot submit the form);
- a body over ``max_bytes`` is refused with 413, from ``Content-Length`` or while streaming;
- every response gets ``nosniff``, ``no-referrer``, ``no-store`` and no framing.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import urlencode, urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .._version import __version__
from ..errors import InputError, VerifierError
from ..report import render
from ..schemas import VERDICTS
from ..store import HistoryError, redact_secrets
from .api import FieldError, document_from_request, document_from_upload, openapi_document, parse_fields
from .pages import PAGE_CSP, render_audit, render_page, report_csp
from .service import AuditService, status_for
from .settings import ServeSettings, is_loopback

log = logging.getLogger("verifier.serve")

API_PREFIXES = ("/api/", "/healthz", "/openapi.json")
MAX_LIST = 500
ERROR_CODES = {
    400: "bad_input", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "too_large", 415: "unsupported_media_type", 422: "invalid_fields", 500: "internal_error",
    503: "unavailable", 504: "timeout",
}
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class BodyTooLarge(Exception):
    pass


def _one_line(text: str, secrets: tuple[str, ...]) -> str:
    return " ".join(redact_secrets(str(text), secrets).split())[:1000]


def _is_api(path: str) -> bool:
    return path.startswith(API_PREFIXES)


# --------------------------------------------------------------------------- the guard


class Guard:
    """Authentication, host and origin checks, the body limit and security headers, before the app."""

    def __init__(self, app: Any, settings: ServeSettings, render_error: Callable[..., Response]):
        self.app = app
        self.settings = settings
        self.render_error = render_error
        self.token = settings.token
        hosts = {"127.0.0.1", "localhost", "::1", settings.host.strip("[]").lower(), *settings.allowed_hosts}
        self.allowed_hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message, extra = refusal
            await self._send(self.render_error(status, message, api=_is_api(path), headers=extra), scope, receive, send)
            return

        limit = self.settings.max_bytes
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            message = f"the body is larger than the server's limit of {limit:,} bytes; send a shorter article"
            await self._send(self.render_error(413, message, api=_is_api(path)), scope, receive, send)
            return
        received = 0

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        started = False

        async def secure_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []), *(h for h in SECURITY_HEADERS if h[0] not in present)]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secure_send)
        except BodyTooLarge:
            if not started:
                message = f"the body is larger than the server's limit of {limit:,} bytes; send a shorter article"
                await self._send(self.render_error(413, message, api=_is_api(path)), scope, receive, send)

    def _refusal(self, scope: dict, headers: dict[str, str]) -> Optional[tuple[int, str, dict[str, str]]]:
        path = scope.get("path", "")
        if self.token:
            if not self._authorized(headers.get("authorization", "")):
                challenge = 'Bearer realm="verifier"' if _is_api(path) else 'Basic realm="verifier", charset="UTF-8"'
                return 401, "this server needs 'Authorization: Bearer TOKEN' (the token the server was started with)", {
                    "WWW-Authenticate": challenge
                }
        else:
            host = headers.get("host", "")
            name = urlsplit(f"//{host}").hostname or ""
            if name.lower() not in self.allowed_hosts:
                return 403, f"Host {host!r} is not served; open the server at http://127.0.0.1 or http://localhost", {}
        if scope.get("method") not in ("GET", "HEAD", "OPTIONS") and not self._same_origin(headers):
            return 403, "cross-site requests are refused; submit the form from this server's own page", {}
        return None

    @staticmethod
    def _same_origin(headers: dict[str, str]) -> bool:
        """A browser says where a POST comes from: Sec-Fetch-Site, else Origin. Scripts and CMSs send neither.

        With ``Referrer-Policy: no-referrer`` a browser's own form POST carries ``Origin: null``, so
        Sec-Fetch-Site decides when present; another port of this machine is another site.
        """
        site = headers.get("sec-fetch-site")
        if site is not None:
            return site in ("same-origin", "none")
        origin = headers.get("origin")
        if origin is None:
            return True
        return origin != "null" and urlsplit(origin).netloc.lower() == headers.get("host", "").lower()

    def _authorized(self, header: str) -> bool:
        scheme, _, value = header.strip().partition(" ")
        value = value.strip()
        if scheme.lower() == "bearer":
            given = value
        elif scheme.lower() == "basic":  # a browser's login prompt: any user name, the token as password
            try:
                given = base64.b64decode(value, validate=True).decode("utf-8").partition(":")[2]
            except (binascii.Error, UnicodeDecodeError):
                return False
        else:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))  # type: ignore[union-attr]

    @staticmethod
    async def _send(response: Response, scope: dict, receive: Callable, send: Callable) -> None:
        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await response(scope, receive, with_headers)


# --------------------------------------------------------------------------- the app


def create_app(settings: Optional[ServeSettings] = None, service: Optional[AuditService] = None) -> Any:
    """The ASGI app. Builds an ``AuditService`` (market provider, worker pool, history) unless given one."""
    settings = settings or ServeSettings()
    service = service or AuditService(settings)
    secrets = settings.secrets
    openapi_cache: dict[str, bytes] = {}

    def page_context(**extra: Any) -> dict[str, Any]:
        return {
            "version": __version__, "market": service.market_label, "extractor": settings.extractor,
            "max_kb": settings.max_bytes // 1024, **extra,
        }

    def render_error(status: int, message: str, *, api: bool, headers: Optional[dict[str, str]] = None) -> Response:
        message = _one_line(message, secrets)
        if api:
            body = {"error": ERROR_CODES.get(status, "error"), "message": message, "status": status}
            return JSONResponse(body, status_code=status, headers=headers)
        heading = {404: "Not found", 401: "Sign in needed", 413: "Too large"}.get(status, "Something went wrong")
        html = render_page("message.html.j2", **page_context(heading=heading, message=message))
        return HTMLResponse(html, status_code=status, headers={**(headers or {}), "Content-Security-Policy": PAGE_CSP})

    def error_from(exc: BaseException, api: bool) -> Response:
        if isinstance(exc, FieldError):
            return render_error(422, str(exc), api=api)
        if isinstance(exc, VerifierError):
            status = status_for(exc)
            headers = {"Retry-After": "30"} if status in (503, 504) else None
            return render_error(status, str(exc), api=api, headers=headers)
        log.error("internal error: %s: %s", type(exc).__name__, _one_line(str(exc), secrets))
        return render_error(500, f"internal error ({type(exc).__name__}); the server log has the details", api=api)

    def guarded(api: bool) -> Callable:
        """Every domain error becomes one line with its status; nothing escapes as a traceback."""

        def wrap(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
            async def run(request: Request) -> Response:
                try:
                    return await handler(request)
                except (BodyTooLarge, HTTPException):
                    raise
                except Exception as exc:  # noqa: BLE001 - answered as JSON or a page, logged
                    return error_from(exc, api)

            return run

        return wrap

    # ------------------------------------------------------------------ reading a check request

    async def form_document(request: Request) -> tuple[Any, Any]:
        """A multipart or urlencoded form: (document, validated fields). The file wins when both are given."""
        try:
            form = await request.form(max_files=1, max_fields=10, max_part_size=settings.max_bytes)
        except HTTPException as exc:
            raise InputError(f"the form cannot be read ({exc.detail})") from None
        upload = form.get("file")
        text = form.get("text")
        fields = {k: form.get(k) for k in ("published", "ticker", "source") if isinstance(form.get(k), str)}
        if upload is not None and not isinstance(upload, str) and upload.filename:
            raw = await upload.read()
            if isinstance(text, str) and text.strip():
                raise FieldError("give either the pasted text or a file, not both")
            req = parse_fields({"text": "-", **fields})
            doc = document_from_upload(raw, upload.filename)
            if req.source:
                doc.source = req.source
            return doc, req
        req = parse_fields({"text": text if isinstance(text, str) else "", **fields})
        return document_from_request(req, "pasted text"), req

    async def api_document(request: Request) -> tuple[Any, Any]:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            raw = await request.body()
            try:
                data = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"the body is not valid JSON ({exc}); send {{\"text\": \"...\"}}") from None
            req = parse_fields(data)
            return document_from_request(req, "api"), req
        if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            return await form_document(request)
        raise _Unsupported(
            f"unsupported Content-Type {ctype or '(none)'!r}; send application/json or multipart/form-data with a file"
        )

    # ------------------------------------------------------------------ API

    @guarded(api=True)
    async def api_check(request: Request) -> Response:
        try:
            doc, req = await api_document(request)
        except _Unsupported as exc:
            return render_error(415, str(exc), api=True)
        stored = await service.check(doc, req.published, req.ticker)
        headers = {"X-Verifier-Run-Id": stored.run_id, "Location": f"/api/v1/runs/{stored.run_id}"} if stored.run_id else {}
        return Response(stored.report_json + "\n", media_type="application/json", headers=headers)

    def _list_query(request: Request) -> dict[str, Any]:
        q = request.query_params
        verdict = (q.get("verdict") or "").strip() or None
        if verdict is not None and verdict not in VERDICTS:
            raise FieldError(f"verdict: use one of {', '.join(VERDICTS)}")
        out: dict[str, Any] = {"ticker": (q.get("ticker") or "").strip() or None, "verdict": verdict}
        for name, default, low, high in (("limit", 20, 1, MAX_LIST), ("offset", 0, 0, 10**9)):
            raw = (q.get(name) or "").strip()
            if not raw:
                out[name] = default
                continue
            if not raw.isdigit() or not low <= int(raw) <= high:
                raise FieldError(f"{name}: give a whole number from {low} to {high}")
            out[name] = int(raw)
        return out

    @guarded(api=True)
    async def api_runs(request: Request) -> Response:
        query = _list_query(request)
        runs = await service.read(lambda h: h.list(**query))
        body = {
            "runs": [{**r.to_dict(), "url": f"/api/v1/runs/{r.id}"} for r in runs],
            "limit": query["limit"], "offset": query["offset"],
        }
        return JSONResponse(body)

    @guarded(api=True)
    async def api_run(request: Request) -> Response:
        run_id = request.path_params["run_id"]
        fmt = (request.query_params.get("format") or "json").strip()
        if fmt not in ("json", "md", "html"):
            raise FieldError("format: use json, md or html")
        download = (request.query_params.get("download") or "").lower() in ("1", "true", "yes")

        def load(history: Any) -> tuple[str, str]:
            full = history.resolve(run_id)
            if fmt == "json":
                return full, history.get_json(full) + "\n"
            return full, render(history.get(full), fmt)

        full, text = await service.read(load)
        media = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}[fmt]
        headers = {"X-Verifier-Run-Id": full}
        if fmt == "html":
            headers["Content-Security-Policy"] = report_csp()
        if download:
            headers["Content-Disposition"] = f'attachment; filename="verifier-{full}.{fmt}"'
        return Response(text, media_type=media, headers=headers)

    async def healthz(request: Request) -> Response:
        market = service.market
        return JSONResponse({
            "status": "ok", "version": __version__, "extractor": settings.extractor, "market": service.market_label,
            "checks": service.checks, "failed_checks": service.failures,
            "market_fetches": market.fetches if market else 0, "market_fetches_shared": market.shared if market else 0,
            "auth": bool(settings.token),
        })

    async def openapi(request: Request) -> Response:
        if "doc" not in openapi_cache:
            openapi_cache["doc"] = json.dumps(openapi_document(__version__, bool(settings.token)), indent=2).encode("utf-8")
        return Response(openapi_cache["doc"], media_type="application/json")

    # ------------------------------------------------------------------ pages

    def page(name: str, status: int = 200, **extra: Any) -> Response:
        return HTMLResponse(render_page(name, **page_context(**extra)), status_code=status, headers={"Content-Security-Policy": PAGE_CSP})

    async def recent(limit: int = 10) -> list[Any]:
        try:
            return await service.read(lambda h: h.list(limit=limit))
        except HistoryError:
            return []

    @guarded(api=False)
    async def index(request: Request) -> Response:
        return page("index.html.j2", runs=await recent(), form={"text": "", "published": "", "ticker": ""}, error=None)

    @guarded(api=False)
    async def form_check(request: Request) -> Response:
        form_values = {"text": "", "published": "", "ticker": ""}
        try:
            try:
                form = await request.form(max_files=1, max_fields=10, max_part_size=settings.max_bytes)
                form_values = {k: (v if isinstance(v := form.get(k), str) else "") for k in form_values}
            except HTTPException:
                pass
            doc, req = await form_document(request)
            stored = await service.check(doc, req.published, req.ticker)
        except (BodyTooLarge, HTTPException):
            raise
        except Exception as exc:  # noqa: BLE001 - shown on the form, which keeps what was typed
            status = 422 if isinstance(exc, FieldError) else status_for(exc) if isinstance(exc, VerifierError) else 500
            if status == 500:
                log.error("internal error: %s: %s", type(exc).__name__, _one_line(str(exc), secrets))
                message = f"internal error ({type(exc).__name__}); the server log has the details"
            else:
                message = _one_line(str(exc), secrets)
            title = {422: "Check the fields:", 503: "A service is unavailable:", 504: "Too slow:"}.get(status, "Cannot check this:")
            return page("index.html.j2", status=status, runs=await recent(), form=form_values, error=message, error_title=title)
        if not stored.run_id:  # --no-log: the audit is shown once, nothing to link back to
            from ..schemas import Report

            report = Report.from_json(stored.report_json)
            return HTMLResponse(render_audit(report, None), headers={"Content-Security-Policy": report_csp()})
        return RedirectResponse(f"/runs/{stored.run_id}", status_code=303)

    @guarded(api=False)
    async def runs_page(request: Request) -> Response:
        try:
            query = _list_query(request)
        except FieldError as exc:
            return page("runs.html.j2", status=422, runs=[], query={"ticker": "", "verdict": ""}, verdicts=VERDICTS,
                        error=str(exc), prev_url=None, next_url=None)
        limit = query["limit"] if request.query_params.get("limit") else 50
        query["limit"] = limit
        runs = await service.read(lambda h: h.list(**{**query, "limit": limit + 1}))
        more = len(runs) > limit
        runs = runs[:limit]

        def link(offset: int) -> str:
            params = {k: v for k, v in (("ticker", query["ticker"]), ("verdict", query["verdict"])) if v}
            params.update({"limit": str(limit), "offset": str(offset)})
            return "/runs?" + urlencode(params)

        return page(
            "runs.html.j2", runs=runs, verdicts=VERDICTS, error=None,
            query={"ticker": query["ticker"] or "", "verdict": query["verdict"] or ""},
            prev_url=link(max(0, query["offset"] - limit)) if query["offset"] else None,
            next_url=link(query["offset"] + limit) if more else None,
        )

    @guarded(api=False)
    async def audit_page(request: Request) -> Response:
        run_id = request.path_params["run_id"]

        def load(history: Any) -> tuple[str, Any]:
            full = history.resolve(run_id)
            return full, history.get(full)

        full, report = await service.read(load)
        return HTMLResponse(render_audit(report, full), headers={"Content-Security-Policy": report_csp()})

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = {404: "no such page or endpoint; see /openapi.json", 405: "method not allowed"}.get(status, str(getattr(exc, "detail", "")))
        return render_error(status, detail, api=_is_api(request.url.path))

    async def too_large(request: Request, exc: Exception) -> Response:
        return render_error(413, f"the body is larger than the server's limit of {settings.max_bytes:,} bytes", api=_is_api(request.url.path))

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/check", form_check, methods=["POST"]),
        Route("/runs", runs_page, methods=["GET"]),
        Route("/runs/{run_id}", audit_page, methods=["GET"]),
        Route("/api/v1/check", api_check, methods=["POST"]),
        Route("/api/v1/runs", api_runs, methods=["GET"]),
        Route("/api/v1/runs/{run_id}", api_run, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, BodyTooLarge: too_large})
    app.state.service = service
    app.state.settings = settings
    return Guard(app, settings, render_error)


class _Unsupported(Exception):
    """The request body has a content type the API does not take (HTTP 415)."""
