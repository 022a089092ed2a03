"""Demo CRM: clients with their numbers, the product catalog, deals and deal lines."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from demo.company import HABIT_NO_PRIORITY, Company, Employee

CATALOG = [
    # category, name, cost, list price, priority, promo, season (month_from, month_to)
    ("Кабель", "Кабель ВВГнг 3x2.5, 100 м", 5200, 7400, False, False, None),
    ("Кабель", "Кабель NYM 3x1.5, 100 м", 3900, 5600, False, True, None),
    ("Кабель", "Провод ПВС 2x0.75, 50 м", 900, 1450, False, False, None),
    ("Освещение", "Светильник LED 36 Вт", 780, 1290, True, False, None),
    ("Освещение", "Прожектор LED 50 Вт", 1100, 1890, False, False, None),
    ("Освещение", "Лампа LED E27 10 Вт, 10 шт", 520, 890, False, True, None),
    ("Электрика", "Автомат 1P 16A", 140, 260, False, False, None),
    ("Электрика", "Щит распределительный 24 мод.", 1900, 3100, True, False, None),
    ("Электрика", "УЗО 2P 40A 30mA", 1150, 1890, True, False, None),
    ("Электрика", "Розетка двойная с з/к", 160, 320, False, True, None),
    ("Инструмент", "Перфоратор SDS-plus 800 Вт", 5400, 8200, True, False, None),
    ("Инструмент", "Шуруповёрт 18 В", 3900, 6100, False, False, None),
    ("Инструмент", "Набор бит 32 шт", 350, 690, False, True, None),
    ("Климат", "Конвектор 2 кВт", 2600, 4200, False, False, (10, 3)),
    ("Климат", "Тепловая пушка 3 кВт", 2900, 4700, True, False, (10, 3)),
    ("Сад", "Триммер электрический", 3100, 4900, False, False, (4, 9)),
    ("Сад", "Шланг поливочный 25 м", 700, 1200, False, True, (4, 9)),
    ("Крепёж", "Дюбель-гвоздь 6x40, 100 шт", 180, 350, False, False, None),
    ("Крепёж", "Анкер клиновой М10, 50 шт", 650, 1100, False, False, None),
    ("Сантехника", "Смеситель для кухни", 2100, 3600, True, False, None),
]

CLIENT_KINDS = ["ООО", "ИП", "АО", "ООО", "ООО"]
CLIENT_WORDS = [
    "Стройресурс",
    "ЭлектроМир",
    "Вектор",
    "Альфа-Монтаж",
    "Северный ветер",
    "Технопарк",
    "Домострой",
    "Светлый дом",
    "Ремкомплект",
    "Энергия",
    "Гранит",
    "Мастерская",
    "Уют",
]


@dataclass
class Client:
    client_id: str
    name: str
    phones: list[str]  # E.164, as the PBX will see them
    responsible: Employee


def phone_in_crm_format(rng: random.Random, e164: str) -> str:
    """Write a +7 number the way people type it into a CRM."""
    d = e164[2:]
    style = rng.randrange(4)
    if style == 0:
        return f"8 ({d[:3]}) {d[3:6]}-{d[6:8]}-{d[8:]}"
    if style == 1:
        return f"+7 ({d[:3]}) {d[3:6]}-{d[6:8]}-{d[8:]}"
    if style == 2:
        return f"7{d}"
    return f"8{d}"


def phone_as_pbx_sees(rng: random.Random, e164: str) -> str:
    """Trunks present the caller as 8…, 7… or +7…; international numbers behind 810."""
    if not e164.startswith("+7"):
        return "810" + e164[1:]
    return rng.choice(["8" + e164[2:], e164[1:], e164])


def build_clients(rng: random.Random, company: Company, per_employee: int) -> list[Client]:
    clients: list[Client] = []
    n = 0
    for emp in company.employees:
        if emp.role != "sales_manager":
            continue
        for _ in range(per_employee):
            n += 1
            phones = [f"+79{rng.randint(0, 99):02d}{n:07d}"]
            if rng.random() < 0.3:
                phones.append(f"+74{rng.randint(90, 99)}{n:07d}")
            if rng.random() < 0.02:
                phones.append(f"+375{rng.randint(17, 44)}{n:07d}")  # Belarus, dialled via 810
            name = f'{rng.choice(CLIENT_KINDS)} "{rng.choice(CLIENT_WORDS)}-{n}"'
            clients.append(Client(f"C{n:06d}", name, phones, emp))
    return clients


def in_season(season: tuple[int, int] | None, day: date) -> bool:
    if season is None:
        return True
    m_from, m_to = season
    if m_from <= m_to:
        return m_from <= day.month <= m_to
    return day.month >= m_from or day.month <= m_to


def season_window(season: tuple[int, int] | None, year: int) -> tuple[str, str]:
    """The season as a date window around ``year`` (empty strings: all year)."""
    if season is None:
        return "", ""
    m_from, m_to = season
    start = date(year if m_from <= m_to else year - 1, m_from, 1)
    end_month_first = date(year, m_to, 1)
    end = (end_month_first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start.isoformat(), end.isoformat()


def product_rows(year: int) -> list[dict]:
    rows = []
    for i, (cat, name, cost, price, prio, promo, season) in enumerate(CATALOG, start=1):
        s_from, s_to = season_window(season, year)
        rows.append(
            {
                "product_id": f"P{i:03d}",
                "product_name": name,
                "category": cat,
                "cost": f"{cost:.2f}",
                "list_price": f"{price:.2f}",
                "is_priority": "true" if prio else "false",
                "is_promo": "true" if promo else "false",
                "season_start": s_from,
                "season_end": s_to,
            }
        )
    return rows


# B2B sells by the pallet: its plans run to millions of roubles a month, so the demo walks
# the large-number path of the bonus (the retail department stays in the hundreds of thousands)
WHOLESALE_PACKS = {"D01": 25}


def deal_rows(rng: random.Random, clients: list[Client], days: list[date]) -> tuple[list[dict], list[dict]]:
    """Deals over the period; skill drives how many are won and how big they are."""
    by_emp: dict[str, list[Client]] = {}
    for c in clients:
        by_emp.setdefault(c.responsible.employee_id, []).append(c)
    deals: list[dict] = []
    lines: list[dict] = []
    n_deal = n_line = 0
    working = [d for d in days if d.weekday() < 5]
    for emp_id in sorted(by_emp):
        own = by_emp[emp_id]
        emp = own[0].responsible
        employed = [d for d in working if d >= emp.hire_date] or working[-1:]
        n_deals = int(len(employed) * 1.5 * emp.skill)
        for _ in range(n_deals):
            n_deal += 1
            client = rng.choice(own)
            created = rng.choice(employed)
            roll = rng.random()
            won_p = 0.55 * emp.skill
            status = "won" if roll < won_p else ("lost" if roll < won_p + 0.25 else "in_progress")
            closed = ""
            if status != "in_progress":
                closed_day = created + timedelta(days=rng.randint(0, 6))
                closed = min(closed_day, days[-1]).isoformat()
            deal_id = f"DL{n_deal:07d}"
            deals.append(
                {
                    "deal_id": deal_id,
                    "client_id": client.client_id,
                    "responsible_user_id": emp.crm_user_id,
                    "status": status,
                    "created_at": f"{created.isoformat()}T{rng.randint(9, 17):02d}:"
                    f"{rng.randint(0, 59):02d}:00+03:00",
                    "closed_at": closed,
                    "title": f"Заказ {client.name}",
                }
            )
            catalog = list(enumerate(CATALOG, start=1))
            if HABIT_NO_PRIORITY in emp.habits:
                catalog = [(i, p) for i, p in catalog if not p[4]]
            picked = rng.sample(catalog, k=min(len(catalog), rng.randint(1, 2 + round(emp.skill * 2))))
            for i, (_, _, cost, price, _, _, season) in picked:
                if not in_season(season, created):
                    continue
                n_line += 1
                discount = rng.choice([0, 0, 0.05, 0.1, 0.15]) / emp.skill
                qty = rng.randint(1, int(4 + 8 * emp.skill)) * WHOLESALE_PACKS.get(emp.department_id, 1)
                lines.append(
                    {
                        "deal_line_id": f"LN{n_line:08d}",
                        "deal_id": deal_id,
                        "product_id": f"P{i:03d}",
                        "quantity": str(qty),
                        "price": f"{price * (1 - discount):.2f}",
                        "cost": f"{cost:.2f}",
                    }
                )
    return deals, lines
