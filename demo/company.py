"""The demo company: departments, employees with PBX extensions, and their habits."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

FIRST_NAMES_F = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана", "Юлия", "Дарья"]
FIRST_NAMES_M = ["Иван", "Сергей", "Алексей", "Дмитрий", "Андрей", "Павел", "Михаил", "Никита"]
LAST_NAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
]

DEPARTMENTS = [
    ("D01", "Отдел продаж B2B", "601"),
    ("D02", "Розничные продажи", "602"),
    ("D03", "Региональные продажи", "603"),
]

# Planted behaviour, one of each per company (the leader is one per department).
HABIT_LEADER = "leader"
HABIT_MISSER = "misses_calls"
HABIT_SHORT_TALKS = "short_talks"
HABIT_NO_PRIORITY = "no_priority_products"
HABIT_RUDE = "rude"
PLANTED_HABITS = [HABIT_MISSER, HABIT_SHORT_TALKS, HABIT_NO_PRIORITY, HABIT_RUDE]


@dataclass
class Employee:
    employee_id: str
    full_name: str
    department_id: str
    role: str
    extensions: list[str]
    crm_user_id: str
    hire_date: date
    leave_date: date | None
    habits: set[str] = field(default_factory=set)
    # Behaviour knobs derived from habits.
    answer_probability: float = 0.93
    talk_scale: float = 1.0
    skill: float = 1.0

    @property
    def main_extension(self) -> str:
        return self.extensions[0]


@dataclass
class Company:
    employees: list[Employee]
    departments: list[tuple[str, str, str]]

    def department_members(self, department_id: str) -> list[Employee]:
        return [e for e in self.employees if e.department_id == department_id]

    def by_habit(self, habit: str) -> list[Employee]:
        return [e for e in self.employees if habit in e.habits]


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        female = rng.random() < 0.5
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES) + ("а" if female else "")
        name = f"{last} {first}"
        if name not in used or len(used) > 300:
            used.add(name)
            return name


def build_company(rng: random.Random, n_employees: int, start: date) -> Company:
    """Spread employees over departments; plant one habit holder each and a leader per department."""
    # about eight people a department, so department statistics mean something
    departments = DEPARTMENTS[: max(1, min(len(DEPARTMENTS), round(n_employees / 8)))]
    if n_employees > 60:  # big benchmark companies get more departments of about 25 people
        departments = [
            (f"D{i + 1:02d}", f"Отдел продаж {i + 1}", f"{600 + i + 1}")
            for i in range((n_employees + 24) // 25)
        ]
    used: set[str] = set()
    employees: list[Employee] = []
    for i in range(n_employees):
        dep_id = departments[i % len(departments)][0]
        ext = str(100 + i + 1) if n_employees < 900 else str(1000 + i + 1)
        extensions = [ext]
        if i % 5 == 0:  # some people also have a softphone on a second extension
            extensions.append(str(int(ext) + 5000))
        hire = start - timedelta(days=rng.randint(60, 1500))
        employees.append(
            Employee(
                employee_id=f"E{i + 1:04d}",
                full_name=_name(rng, used),
                department_id=dep_id,
                role="sales_manager",
                extensions=extensions,
                crm_user_id=f"U{7000 + i + 1}",
                hire_date=hire,
                leave_date=None,
                skill=rng.uniform(0.8, 1.1),
            )
        )
    for dep_id, _, _ in departments:
        members = [e for e in employees if e.department_id == dep_id]
        members[0].role = "department_head"
        if len(members) > 1:
            leader = members[1]
            leader.habits.add(HABIT_LEADER)
            leader.skill = 1.45
            leader.answer_probability = 0.98
    # Planted habits go to distinct ordinary managers, spread over departments.
    ordinary = [e for e in employees if e.role == "sales_manager" and not e.habits]
    ordinary.sort(key=lambda e: (int(e.employee_id[1:]) % len(departments), e.employee_id))
    for habit, emp in zip(PLANTED_HABITS, ordinary[1:], strict=False):
        emp.habits.add(habit)
        if habit == HABIT_MISSER:
            emp.answer_probability = 0.45
        elif habit == HABIT_SHORT_TALKS:
            emp.talk_scale = 0.12
    # A newcomer hired recently, so "new employee" rules have someone to act on.
    if len(ordinary) > 6:
        ordinary[-1].hire_date = start + timedelta(days=20)
    return Company(employees=employees, departments=departments)
