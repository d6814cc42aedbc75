"""A health endpoint for webhook deployments: GET /healthz answers 200 when the database answers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

Check = Callable[[], Awaitable[bool]]


async def start_health_server(host: str, port: int, check: Check) -> asyncio.Server:
    async def respond(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), 5)
            healthy = request_line.split(b" ")[1:2] == [b"/healthz"] and await check()
        except (TimeoutError, ConnectionError, OSError):
            healthy = False
        status, body = (b"200 OK", b"ok\n") if healthy else (b"503 Service Unavailable", b"unavailable\n")
        writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: text/plain\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
        try:
            await writer.drain()
        finally:
            writer.close()

    return await asyncio.start_server(respond, host, port)
