#!/usr/bin/env python3
"""Generate synthetic corpora for the launch benchmark (tools/bench_launch.sh).

  varied  N files: about N/4 stories of 1 to 300 articles (heavy-tailed sizes) spread over
          two months, each story its own names, places and figures, written by outlets of
          the three perspectives, with shared wire paragraphs and a little boilerplate.
  crowded N files on one event, much shared text (the same wire copy rewritten).

Deterministic (seeded), so runs compare. Usage:
  tools/gen_corpus.py varied 10000 /tmp/varied
  tools/gen_corpus.py crowded 1000 /tmp/crowded
"""
import datetime
import os
import random
import sys

OUTLETS = [
    ("The Korea Herald", "korean"), ("Hankyoreh", "korean"), ("Yonhap", "korean"),
    ("The Japan Times", "japanese"), ("Yomiuri Shimbun", "japanese"), ("Kyodo News", "japanese"),
    ("Reuters", "wire"), ("Associated Press", "wire"), ("AFP", "wire"),
]
FIRST = ["Kim", "Lee", "Park", "Choi", "Tanaka", "Suzuki", "Sato", "Ito", "Miller", "Wong",
         "Nakamura", "Yoon", "Han", "Kobayashi", "Jung", "Watanabe", "Kang", "Yamamoto"]
GIVEN = ["Min-jun", "Ji-woo", "Hiroshi", "Yuki", "Seo-yeon", "Takeshi", "Anna", "David",
         "Haruka", "Dong-hyun", "Kenji", "Mei", "Soo-ah", "Daiki"]
PLACES = ["Seoul", "Tokyo", "Busan", "Osaka", "Incheon", "Sapporo", "Gwangju", "Fukuoka",
          "Daegu", "Nagoya", "Washington", "Beijing", "Pyongyang", "Kyoto", "Ulsan", "Sendai"]
SUBJECTS = ["tariff", "semiconductor", "shipbuilding", "defense budget", "rare earth", "fishery",
            "nuclear plant", "election", "typhoon", "pension reform", "bank rate", "labour strike",
            "export control", "summit", "trade pact", "housing market", "currency swap", "drill"]
VERBS = ["said", "told reporters", "announced", "warned", "confirmed", "stressed", "argued"]
FILLER = ["Officials did not give further details.", "The talks are expected to continue next week.",
          "Analysts said the move could weigh on markets.", "Opposition lawmakers criticised the plan.",
          "The ministry said it would review the proposal.", "Critics called the decision premature.",
          "The figure was higher than a year earlier.", "Both sides agreed to keep talking."]


def story_params(rng, n):
    subject = rng.choice(SUBJECTS)
    person = f"{rng.choice(GIVEN)} {rng.choice(FIRST)}"
    other = f"{rng.choice(GIVEN)} {rng.choice(FIRST)}"
    place = rng.choice(PLACES)
    figure = f"{rng.randint(2, 900)} billion"
    pct = f"{rng.randint(1, 40)} percent"
    code = f"{subject.title()} {rng.choice(['Act', 'Plan', 'Accord', 'Initiative', 'Review'])} {n}"
    return dict(subject=subject, person=person, other=other, place=place, figure=figure,
                pct=pct, code=code)


def paragraph(rng, p):
    kinds = [
        f"{p['person']} {rng.choice(VERBS)} that the {p['code']} would cost {p['figure']} won over five years.",
        f"Speaking in {p['place']}, {p['other']} said the {p['subject']} issue needed {p['pct']} more funding.",
        f"The {p['code']} drew attention in {p['place']} after {p['person']} met {p['other']}.",
        f"Under the {p['code']}, {p['subject']} spending would rise {p['pct']}, according to {p['person']}.",
        f"\"We will not back down on the {p['subject']},\" {p['person']} {rng.choice(VERBS)} in {p['place']}.",
        rng.choice(FILLER),
    ]
    return " ".join(rng.choice(kinds) for _ in range(rng.randint(2, 4)))


def article(rng, p, day, outlet, shared):
    name, _ = outlet
    title = f"{p['person']} on the {p['code']}: {rng.choice(['what it means', 'talks in ' + p['place'], 'a new step', 'criticism grows', 'the cost'])}"
    paras = [paragraph(rng, p) for _ in range(rng.randint(4, 12))]
    # Wire copy reused by several outlets: the shared paragraphs.
    for s in shared:
        paras.insert(rng.randint(0, len(paras)), s)
    lines = [title, f"{name}", day.strftime("%B %d, %Y"), ""]
    for para in paras:
        lines += [para, ""]
    lines.append(f"(c) {day.year} {name}. All rights reserved.")
    return "\n".join(lines) + "\n"


def sizes(rng, files):
    """Story sizes 1..300, heavy-tailed (Pareto 1.2: 10,000 files give 2,488 stories)."""
    out, total = [], 0
    while total < files:
        size = min(300, max(1, int(rng.paretovariate(1.2))))
        size = min(size, files - total)
        out.append(size)
        total += size
    return out


def varied(files, folder, seed=11):
    rng = random.Random(seed)
    start = datetime.date(2025, 9, 1)
    n = 0
    for story, size in enumerate(sizes(rng, files)):
        p = story_params(rng, story)
        day0 = start + datetime.timedelta(days=rng.randint(0, 60))
        shared = [paragraph(rng, p) for _ in range(2)]
        for _ in range(size):
            day = day0 + datetime.timedelta(days=rng.randint(0, 2))
            text = article(rng, p, day, rng.choice(OUTLETS), rng.sample(shared, rng.randint(0, 2)))
            sub = os.path.join(folder, day.strftime("%Y-%m-%d"))
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"a{n:06d}.txt"), "w") as f:
                f.write(text)
            n += 1
    return n


def crowded(files, folder, seed=7):
    rng = random.Random(seed)
    p = story_params(rng, 0)
    day = datetime.date(2025, 10, 28)
    shared = [paragraph(rng, p) for _ in range(6)]
    os.makedirs(folder, exist_ok=True)
    for n in range(files):
        text = article(rng, p, day, rng.choice(OUTLETS), rng.sample(shared, rng.randint(2, 6)))
        with open(os.path.join(folder, f"c{n:06d}.txt"), "w") as f:
            f.write(text)
    return files


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("varied", "crowded"):
        sys.exit(__doc__)
    kind, count, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    made = (varied if kind == "varied" else crowded)(count, folder)
    print(f"{made} files in {folder}")
