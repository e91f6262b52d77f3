"""Liveness plus the store size, so a monitor sees an empty or unreachable store."""

from __future__ import annotations

from fastapi import APIRouter

from api.http.deps import ServiceDep
from api.http.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(service: ServiceDep) -> Health:
    return Health(documents=service.count())
