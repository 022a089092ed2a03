"""Demo PBX: Asterisk ``Master.csv`` rows in the real shapes, one working day at a time.

Rows use the 21-column layout of Asterisk 12+ (``…, uniqueid, userfield, peeraccount,
linkedid, sequence``). Shapes: direct dials, ring groups (parallel legs sharing a linked
id, one ANSWERED), transfers, all-missed calls ending in voicemail, zero-second
``Hangup`` rows, internal and outbound calls, and after-hours calls answered by an IVR.
Times are PBX local time, as Asterisk writes them.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from demo.company import Company, Employee
from demo.crm import Client, phone_as_pbx_sees

TRUNK = "SIP/trunk-mts"


@dataclass
class Leg:
    src: str
    dst: str
    dcontext: str
    clid: str
    channel: str
    dstchannel: str
    lastapp: str
    lastdata: str
    start: datetime
    answer: datetime | None
    end: datetime
    disposition: str
    uniqueid: str
    linkedid: str
    sequence: int

    @property
    def duration(self) -> int:
        return int((self.end - self.start).total_seconds())

    @property
    def billsec(self) -> int:
        return int((self.end - self.answer).total_seconds()) if self.answer else 0

    def csv_line(self) -> str:
        def q(value: str) -> str:
            return '"' + value.replace('"', '""') + '"'

        def ts(value: datetime | None) -> str:
            return q(value.strftime("%Y-%m-%d %H:%M:%S")) if value else ""

        fields = [
            q(""),
            q(self.src),
            q(self.dst),
            q(self.dcontext),
            q(self.clid),
            q(self.channel),
            q(self.dstchannel),
            q(self.lastapp),
            q(self.lastdata),
            ts(self.start),
            ts(self.answer),
            ts(self.end),
            str(self.duration),
            str(self.billsec),
            q(self.disposition),
            q("DOCUMENTATION"),
            q(self.uniqueid),
            q(""),
            q(""),
            q(self.linkedid),
            str(self.sequence),
        ]
        return ",".join(fields) + "\n"


@dataclass
class AnsweredCall:
    """What the transcript generator needs to know about a call an employee talked on."""

    call_id: str
    employee: Employee
    started_at: datetime
    talk_seconds: int
    client_name: str


@dataclass
class DayCalls:
    legs: list[Leg] = field(default_factory=list)
    answered: list[AnsweredCall] = field(default_factory=list)


class CallFactory:
    """Makes the legs of one customer call at a time, with ids unique across the run."""

    def __init__(self, rng: random.Random, company: Company, clients: list[Client]):
        self.rng = rng
        self.company = company
        self.clients_of: dict[str, list[Client]] = {}
        for c in clients:
            self.clients_of.setdefault(c.responsible.employee_id, []).append(c)
        self.all_clients = clients
        self.seq = 0

    # -- helpers -------------------------------------------------------------------
    def _ids(self, at: datetime) -> str:
        self.seq += 1
        return f"{calendar.timegm(at.timetuple())}.{self.seq}"

    def _chan(self, ext: str) -> str:
        self.seq += 1
        return f"SIP/{ext}-{self.seq % 0xFFFFFFFF:08x}"

    def _talk(self, emp: Employee) -> int:
        base = self.rng.lognormvariate(5.0, 0.6)  # median about 150 s
        return max(5, int(base * emp.talk_scale * (0.8 + 0.2 * emp.skill)))

    def _ring(self) -> int:
        return self.rng.randint(3, 25)

    @staticmethod
    def _clid(name: str, number: str) -> str:
        return f'"{name}" <{number}>'

    # -- call shapes -----------------------------------------------------------------
    def inbound(
        self,
        day: DayCalls,
        at: datetime,
        client: Client,
        targets: list[Employee],
        group_number: str | None,
        after_hours: bool = False,
    ) -> tuple[Employee | None, datetime]:
        """An inbound call ringing ``targets`` at once; returns who answered and the end."""
        rng = self.rng
        caller = phone_as_pbx_sees(rng, rng.choice(client.phones))
        uid = self._ids(at)
        clid = self._clid(client.name, caller)
        trunk = self._chan(TRUNK.split("/")[1])
        seq = 0
        if after_hours:
            end = at + timedelta(seconds=rng.randint(6, 15))
            day.legs.append(
                Leg(
                    caller,
                    "s",
                    "ivr-closed",
                    clid,
                    trunk,
                    "",
                    "Playback",
                    "after-hours",
                    at,
                    at,
                    end,
                    "ANSWERED",
                    uid,
                    uid,
                    seq,
                )
            )
            return None, end
        ring = self._ring()
        answerer = None
        everyone_busy = group_number is not None and rng.random() < 0.04
        for emp in sorted(targets, key=lambda e: -e.answer_probability * e.skill * rng.random()):
            if not everyone_busy and rng.random() < emp.answer_probability:
                answerer = emp
                break
        talk = self._talk(answerer) if answerer else 0
        dst = group_number or targets[0].main_extension
        end = at + timedelta(seconds=ring + talk)
        for emp in targets:
            seq += 1
            ext = emp.main_extension
            if emp is answerer:
                answer, stop, disposition = at + timedelta(seconds=ring), end, "ANSWERED"
            else:
                answer = None
                stop = at + timedelta(seconds=ring if answerer else rng.randint(20, 30))
                disposition = "BUSY" if rng.random() < 0.05 else "NO ANSWER"
            day.legs.append(
                Leg(caller, dst, "from-trunk", clid, trunk, self._chan(ext), "Dial", f"SIP/{ext},30,tT",
                    at, answer, stop, disposition, uid, uid, seq)
            )  # fmt: skip
        if answerer is None:
            last = max(leg.end for leg in day.legs[-len(targets) :])
            if rng.random() < 0.6:
                seq += 1
                vm_end = last + timedelta(seconds=rng.randint(5, 40))
                day.legs.append(
                    Leg(
                        caller,
                        "vm" + dst,
                        "from-trunk",
                        clid,
                        trunk,
                        "",
                        "VoiceMail",
                        f"{dst}@default",
                        last,
                        last,
                        vm_end,
                        "ANSWERED",
                        uid,
                        uid,
                        seq,
                    )
                )
                end = vm_end
            else:
                end = last
        elif group_number and len(targets) > 1 and rng.random() < 0.06:
            # Transfer: the first answerer hands the client over to a colleague.
            other = rng.choice([e for e in targets if e is not answerer])
            seq += 1
            t_start = end
            t_answer = t_start + timedelta(seconds=self._ring())
            t_talk = self._talk(other)
            t_end = t_answer + timedelta(seconds=t_talk)
            ext = other.main_extension
            day.legs.append(
                Leg(
                    caller,
                    ext,
                    "from-internal-xfer",
                    clid,
                    trunk,
                    self._chan(ext),
                    "Dial",
                    f"SIP/{ext},30",
                    t_start,
                    t_answer,
                    t_end,
                    "ANSWERED",
                    self._ids(t_start),
                    uid,
                    seq,
                )
            )
            if t_talk > talk:
                answerer, talk = other, t_talk
            end = t_end
        if rng.random() < 0.15:
            seq += 1  # the h-extension row Asterisk writes after hang-up: zero seconds
            day.legs.append(
                Leg(
                    caller,
                    "h",
                    "from-trunk",
                    clid,
                    trunk,
                    "",
                    "Hangup",
                    "",
                    end,
                    end,
                    end,
                    "ANSWERED",
                    uid,
                    uid,
                    seq,
                )
            )
        if answerer is not None:
            day.answered.append(AnsweredCall(uid, answerer, at, talk, client.name))
        return answerer, end

    def outbound(self, day: DayCalls, at: datetime, emp: Employee, client: Client) -> datetime:
        rng = self.rng
        number = phone_as_pbx_sees(rng, rng.choice(client.phones))
        if not number.startswith("810"):
            number = "8" + number[-10:]  # people dial 8… out of habit
        uid = self._ids(at)
        ext = emp.extensions[-1] if rng.random() < 0.3 else emp.main_extension
        ring = self._ring()
        roll = rng.random()
        chan = self._chan(ext)
        clid = self._clid(emp.full_name, ext)
        if roll < 0.7:
            talk = self._talk(emp)
            answer = at + timedelta(seconds=ring)
            end, disposition = answer + timedelta(seconds=talk), "ANSWERED"
            day.answered.append(AnsweredCall(uid, emp, at, talk, client.name))
        else:
            answer, end = None, at + timedelta(seconds=ring + 10)
            disposition = "NO ANSWER" if roll < 0.92 else rng.choice(["BUSY", "FAILED", "CONGESTION"])
        day.legs.append(
            Leg(ext, number, "from-internal", clid, chan, self._chan("trunk"), "Dial", f"{TRUNK}/{number}",
                at, answer, end, disposition, uid, uid, 0)
        )  # fmt: skip
        return end

    def internal(self, day: DayCalls, at: datetime, emp: Employee, other: Employee) -> None:
        uid = self._ids(at)
        ring = self._ring()
        talk = self.rng.randint(20, 240)
        ans = at + timedelta(seconds=ring)
        src, dst = emp.main_extension, other.main_extension
        day.legs.append(
            Leg(
                src,
                dst,
                "from-internal",
                self._clid(emp.full_name, src),
                self._chan(src),
                self._chan(dst),
                "Dial",
                f"SIP/{dst},30",
                at,
                ans,
                ans + timedelta(seconds=talk),
                "ANSWERED",
                uid,
                uid,
                0,
            )
        )


def working_time(rng: random.Random, day: date, start_hour: int = 9, end_hour: int = 18) -> datetime:
    seconds = rng.randint(start_hour * 3600, end_hour * 3600 - 600)
    return datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)


def day_of_calls(factory: CallFactory, day: date, calls_per_day: int) -> DayCalls:
    """All the calls of one working day of the company."""
    rng = factory.rng
    out = DayCalls()
    company = factory.company
    active = [e for e in company.employees if e.hire_date <= day]
    missed_for: list[tuple[Employee, Client, datetime]] = []
    for dep_id, _, group in company.departments:
        members = [e for e in active if e.department_id == dep_id]
        if not members:
            continue
        # Ring-group calls to the department's number.
        for _ in range(int(len(members) * calls_per_day * 0.3)):
            at = working_time(rng, day)
            on_duty = rng.sample(members, k=min(len(members), rng.randint(2, 4)))
            client = rng.choice(factory.all_clients)
            factory.inbound(out, at, client, on_duty, group)
        for _ in range(2):
            at = datetime(day.year, day.month, day.day, rng.randint(19, 22), rng.randint(0, 59))
            factory.inbound(out, at, rng.choice(factory.all_clients), members, group, True)
    for emp in active:
        own = factory.clients_of.get(emp.employee_id) or factory.all_clients
        for _ in range(int(calls_per_day * 0.25 * emp.skill)):
            at = working_time(rng, day)
            client = rng.choice(own)
            answerer, end = factory.inbound(out, at, client, [emp], None)
            if answerer is None:
                missed_for.append((emp, client, end))
        for _ in range(int(calls_per_day * 0.4 * emp.skill)):
            factory.outbound(out, working_time(rng, day), emp, rng.choice(own))
        for _ in range(rng.randint(0, 2)):
            other = rng.choice(active)
            if other is not emp:
                factory.internal(out, working_time(rng, day), emp, other)
    for emp, client, end in missed_for:
        callback_p = 0.3 if emp.answer_probability < 0.6 else 0.6 + 0.25 * min(emp.skill, 1.4)
        if rng.random() < callback_p:
            at = end + timedelta(minutes=rng.randint(5, 240))
            factory.outbound(out, at, emp, client)
    return out


def asterisk_lines(legs: list[Leg]) -> Iterator[str]:
    """Asterisk appends a record when a leg ends: write in that order."""
    for leg in sorted(legs, key=lambda x: (x.end, x.linkedid, x.sequence)):
        yield leg.csv_line()
