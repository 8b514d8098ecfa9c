"""The ingest workload: zaken to put statuses on, the prepared status requests, and the
encoded status events the raw baselines send.

Statuses use the statustypen of the demo zaaktype *except* the eindstatus (volgnummer 4
closes the zaak, and a closed zaak refuses further statuses), round-robin over the zaken.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass

import jwt

from bench.httpclient import Connection, Response, build_request
from catalogi.loader import load_catalogue
from catalogi.model import Zaaktype
from midoffice.bus import Message
from midoffice.settings import DEMO_CATALOGUE
from schemas.codec import encode
from schemas.envelope import Envelope
from schemas.event_types import ZAAKSTATUS_GEWIJZIGD
from schemas.payloads import StatusGezetV1

CLIENT_ID, CLIENT_SECRET = "demo", "demo-secret"
ZAKEN = "/zaken/api/v1/zaken"
STATUSSEN = "/zaken/api/v1/statussen"


def auth_headers() -> dict[str, str]:
    """A ZGW JWT of the demo client (valid for the gateway's maximum age, one hour)."""
    claims = {
        "iss": CLIENT_ID,
        "iat": int(time.time()),
        "client_id": CLIENT_ID,
        "user_id": "bench",
        "user_representation": "Benchmark",
    }
    return {"Authorization": f"Bearer {jwt.encode(claims, CLIENT_SECRET, algorithm='HS256')}"}


@dataclass(frozen=True)
class Workload:
    """The zaken created on one server and how to address them."""

    host: str  # host:port, as the Host header and in resource URLs
    rsin: str
    zaaktype: Zaaktype
    zaken: tuple[uuid.UUID, ...]

    @property
    def statustypen(self) -> list[uuid.UUID]:
        """The statustypen to use: every one but the eindstatus, by volgnummer."""
        ordered = sorted(self.zaaktype.statustypen, key=lambda s: s.volgnummer)
        return [s.uuid for s in ordered if s.uuid != self.zaaktype.eindstatustype.uuid]

    def status_body(self, zaak: uuid.UUID, statustype: uuid.UUID) -> dict[str, str]:
        yesterday = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1)
        return {
            "zaak": f"http://{self.host}{ZAKEN}/{zaak}",
            "statustype": f"http://{self.host}/catalogi/api/v1/statustypen/{statustype}",
            "datumStatusGezet": yesterday.isoformat().replace("+00:00", "Z"),
            "statustoelichting": "Benchmark: status gezet.",
        }

    def status_requests(self, *, respond_async: bool) -> list[bytes]:
        """Prepared POSTs; consecutive ones go to different zaken."""
        headers = {**auth_headers(), "Content-Type": "application/json"}
        if respond_async:
            headers["Prefer"] = "respond-async"
        bodies = [
            json.dumps(self.status_body(zaak, statustype)).encode()
            for statustype in self.statustypen
            for zaak in self.zaken
        ]
        return [build_request("POST", STATUSSEN, self.host, headers, body) for body in bodies]

    def read_requests(self) -> list[bytes]:
        """Authenticated GETs of the zaaktype: the gateway without database or log."""
        path = f"/catalogi/api/v1/zaaktypen/{self.zaaktype.uuid}"
        return [build_request("GET", path, self.host, auth_headers())]

    def status_messages(self) -> list[Message]:
        """Encoded ``zaakstatus-gewijzigd`` intake events, one per zaak, for the raw loops."""
        messages = []
        for zaak in self.zaken:
            body = self.status_body(zaak, self.statustypen[0])
            payload = StatusGezetV1(
                uuid=uuid.uuid4(),
                zaak=zaak,
                statustype=self.statustypen[0],
                datumStatusGezet=dt.datetime.fromisoformat(body["datumStatusGezet"]),
                statustoelichting=body["statustoelichting"],
            )
            envelope = Envelope(
                type=ZAAKSTATUS_GEWIJZIGD, subject=zaak, data=payload, tenant=self.rsin,
                clientid=CLIENT_ID, userid="bench",
            )  # fmt: skip
            encoded = encode(envelope)
            messages.append(Message(encoded.key, encoded.value, encoded.headers))
        return messages


async def create_zaken(host: str, count: int) -> Workload:
    """Create ``count`` zaken of the demo zaaktype through the gateway (ZGW POST)."""
    catalogus, zaaktype = load_catalogue(DEMO_CATALOGUE).zaaktypen()[0]
    headers = {
        **auth_headers(),
        "Content-Type": "application/json",
        "Accept-Crs": "EPSG:4326",
        "Content-Crs": "EPSG:4326",
    }
    name, port = host.rsplit(":", 1)
    connection = Connection(name, int(port))
    zaken = []
    try:
        for n in range(count):
            body = {
                "bronorganisatie": catalogus.rsin,
                "verantwoordelijkeOrganisatie": catalogus.rsin,
                "zaaktype": f"http://{host}/catalogi/api/v1/zaaktypen/{zaaktype.uuid}",
                "startdatum": dt.date.today().isoformat(),
                "omschrijving": f"Benchmark zaak {n}",
            }
            request = build_request("POST", ZAKEN, host, headers, json.dumps(body).encode())
            response = await connection.request(request)
            if response.status == 202:  # the processor was still joining: poll the outcome
                response = await _poll(connection, host, response.header("location") or "")
            if response.status not in (200, 201):
                raise RuntimeError(f"creating a zaak failed: {response.status} {response.body!r}")
            zaken.append(uuid.UUID(response.json()["url"].rsplit("/", 1)[1]))
    finally:
        await connection.close()
    return Workload(host, catalogus.rsin, zaaktype, tuple(zaken))


async def _poll(connection: Connection, host: str, location: str) -> Response:
    path = "/" + location.split("://", 1)[-1].split("/", 1)[1]
    for _ in range(600):
        response = await connection.request(build_request("GET", path, host, auth_headers()))
        outcome = response.json()
        if outcome["status"] == "accepted":
            return await connection.request(
                build_request("GET", "/" + outcome["url"].split("/", 3)[3], host, auth_headers())
            )
        if outcome["status"] == "rejected":
            raise RuntimeError(f"creating a zaak was rejected: {outcome}")
        await asyncio.sleep(0.1)
    raise RuntimeError("creating a zaak: no outcome after 60 s")
