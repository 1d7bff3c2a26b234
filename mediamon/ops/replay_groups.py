"""``mediamon replay reset-group``: move one of our consumer groups to a timestamp, on purpose.

Refused while the group has active members (Kafka would refuse the commit, and its own tool prints that but exits
0): the refusal names the members and exits non-zero. The topics moved are those the stage reads (the registry),
or the ``--topic`` roles given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, OffsetAndMetadata, TopicPartition

from mediamon.errors import ReplayError
from mediamon.ops.replay_range import to_ms
from mediamon.settings import Settings
from mediamon.topics import STAGES, Names, stage_spec

EXIT_ACTIVE = 5


class GroupActive(ReplayError):
    exit_code = EXIT_ACTIVE


@dataclass(frozen=True)
class Move:
    tp: TopicPartition
    current: int | None
    target: int


def our_groups(names: Names) -> dict[str, str]:
    """group id -> stage, for every stage of the registry that has a group."""
    return {names.group(s.name): s.name for s in STAGES if s.group is not None}


def resolve_group(names: Names, given: str) -> tuple[str, str]:
    """(group id, stage) from a stage name (``sink-elasticsearch``) or a full group id of ours."""
    ours = our_groups(names)
    if given in ours:
        return given, ours[given]
    try:
        spec = stage_spec(given)
    except KeyError:
        spec = None
    if spec is not None and spec.group is not None:
        return names.group(given), given
    listing = ", ".join(f"{stage} ({group})" for group, stage in ours.items())
    raise ReplayError(f"{given!r} is not one of our consumer groups; ours: {listing}")


def active_members(admin: KafkaAdminClient, group: str) -> list[str]:
    described: dict[str, Any] = admin.describe_groups([group])
    info = described.get(group) or {}
    members = info.get("members") or []
    out = []
    for m in members:
        get = m.get if isinstance(m, dict) else lambda k, d=None, m=m: getattr(m, k, d)
        host = str(get("client_host", "?")).strip("/")
        out.append(f"{get('member_id', '?')} (client {get('client_id', '?')} on {host})")
    return out


def plan(settings: Settings, group: str, stage: str, when: datetime, roles: list[str] | None = None) -> list[Move]:
    names = Names.from_settings(settings)
    reads = list(stage_spec(stage).reads)
    wanted = roles or reads
    unknown = [r for r in wanted if r not in reads]
    if unknown:
        raise ReplayError(f"stage {stage} does not read {', '.join(unknown)}; it reads {', '.join(reads)}")
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-replay-reset")
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None, enable_auto_commit=False)
    try:
        committed: dict[TopicPartition, OffsetAndMetadata] = admin.list_group_offsets(group).get(group, {}) or {}
        moves = []
        for role in wanted:
            topic = names.topic(role)
            parts = consumer.partitions_for_topic(topic) or set()
            tps = [TopicPartition(topic, p) for p in sorted(parts)]
            if not tps:
                continue
            at = consumer.offsets_for_times({tp: to_ms(when) for tp in tps})
            ends = consumer.end_offsets(tps)
            for tp in tps:
                found = at.get(tp)
                target = found.offset if found is not None else ends[tp]
                current = committed.get(tp)
                moves.append(Move(tp, current.offset if current is not None else None, target))
        return moves
    finally:
        consumer.close()
        admin.close()


def reset(settings: Settings, group: str, moves: list[Move]) -> None:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-replay-reset")
    try:
        members = active_members(admin, group)
        if members:
            raise GroupActive(refusal(group, members))
        results = admin.alter_group_offsets(group, {m.tp: OffsetAndMetadata(m.target, "", -1) for m in moves})
        failed = {tp: err for tp, err in results.items() if getattr(err, "errno", 0)}
        if failed:
            detail = ", ".join(f"{tp.topic}[{tp.partition}]: {err.__name__}" for tp, err in failed.items())
            raise ReplayError(f"Kafka refused to move {group}: {detail} (did a member join meanwhile?)")
    finally:
        admin.close()


def check_idle(settings: Settings, group: str) -> None:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-replay-reset")
    try:
        members = active_members(admin, group)
    finally:
        admin.close()
    if members:
        raise GroupActive(refusal(group, members))


def refusal(group: str, members: list[str]) -> str:
    listing = "; ".join(members)
    return (f"refused: consumer group {group} has {len(members)} active member(s): {listing}. Stop them first "
            "(their offsets would be overwritten by their next commit), then run this again")
