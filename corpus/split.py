#!/usr/bin/env python3
"""Splits a batch of the independently written corpus by a fixed rule. See corpus/README.md.

    python3 corpus/split.py raw     # batch 1 (corpus/raw/*.tsv)
    python3 corpus/split.py raw2    # batch 2 (corpus/raw2/*.tsv)
    python3 corpus/split.py raw3    # batch 3 (corpus/raw3/*.tsv: intents only)
    python3 corpus/split.py raw4    # batch 4 (corpus/raw4/*.tsv: intents written for training only)
    python3 corpus/split.py raw5    # batch 5 (corpus/raw5/*.tsv: crisis rows written for training only)
    python3 corpus/split.py raw6    # batch 6 (corpus/raw6/*.tsv: crisis and intents, new authors)
    python3 corpus/split.py raw7    # batch 7 (corpus/raw7/*.tsv: training data and a fresh tuning set)
    python3 corpus/split.py raw8    # batch 8 (corpus/raw8/*.tsv: crisis weighted to hard negatives, and intents)
    python3 corpus/split.py raw9    # batch 9 (corpus/raw9/*.tsv: crisis, away from the obvious phrasings)
    python3 corpus/split.py raw10   # batch 10 (corpus/raw10/*.tsv: crisis weighted to hard negatives)
    python3 corpus/split.py raw11   # batch 11 (corpus/raw11/*.tsv: crisis, a fresh tuning set)
    python3 corpus/split.py raw12   # batch 12 (corpus/raw12/*.tsv: crisis, a fresh test set)
    python3 corpus/split.py raw13   # batch 13 (corpus/raw13/*.tsv: crisis weighted to medical emergencies, a tuning set)
    python3 corpus/split.py raw14   # batch 14 (corpus/raw14/*.tsv: crisis weighted to hard negatives, a fresh test set)
    python3 corpus/split.py raw15   # batch 15 (corpus/raw15/*.tsv: ordinary messages written as training data)
    python3 corpus/split.py raw16   # batch 16 (corpus/raw16/*.tsv: crisis, a fresh test set)
    python3 corpus/split.py raw17   # batch 17 (corpus/raw17/*.tsv: ordinary messages written as training data)
    python3 corpus/split.py raw18   # batch 18 (corpus/raw18/*.tsv: crisis weighted to medical and dangerous places, a tuning set)
    python3 corpus/split.py raw19   # batch 19 (corpus/raw19/*.tsv: crisis, a fresh test set)
    python3 corpus/split.py raw20   # batch 20 (corpus/raw20/*.tsv: crisis and hard negatives written as training data)
    python3 corpus/split.py raw21   # batch 21 (corpus/raw21/*.tsv: intents weighted to feelings, time words, paraphrases)
    python3 corpus/split.py raw22   # batch 22 (corpus/raw22/*.tsv: crisis, long family and worker messages)

The rule: bucket = int(md5(id), 16) % 10, decided by the row id alone (never by content or by how the
model does on it). Rows are appended to the split files (an id already there is not added twice); the
raw folder is deleted afterwards, since the split files hold every row.
  batch 1 crisis:  0-4 train, 5-6 dev, 7-9 test        batch 1 intents: 0-1 train, 2-3 dev, 4-9 test
  batch 2 crisis:  0-5 train, 6-9 dev (no test: the test split stays what it was when first reported)
  batch 3 intents: as batch 1
  batch 4 intents: all train (written as training data, weighted to paraphrases, support workers, long messages)
  batch 5 crisis:  all train (written as training data)
  batch 6 crisis and intents: 0-5 train, 6-7 dev, 8-9 test (new authors; the test split grows by their rows)
  batch 7 crisis and intents: 0-7 train, 8-9 dev (weighted to what batch 6 showed weak; no test rows)
  batch 8 crisis and intents: 0-5 train, 6-7 dev, 8-9 test (a new author; measured whole before any of it was used)
  batch 9 crisis: 0-7 train, 8-9 dev (a new author; measured whole first; no test rows)
  batch 10 crisis: as batch 9
  batch 11 crisis: as batch 9 (a new author; measured whole first; the set the next changes were chosen on)
  batch 12 crisis: 0-5 train, 6-7 dev, 8-9 test (a new author; measured whole first, before and after the batch-11 changes)
  batch 13 crisis: as batch 11;  batch 14 crisis: as batch 12
  batch 15 crisis: all train (ordinary messages, none of them a crisis, written as training data)
  batch 16 crisis: as batch 12
  batch 17 crisis: as batch 15
  batch 18 crisis: as batch 11;  batch 19 crisis: as batch 12;  batch 20 crisis: all train (written as training data)
  batch 21 intents: as batch 8 (a new author; measured whole before any of it was used)
  batch 22 crisis: as batch 12 (a new author; long family and worker messages; measured whole first). Of its train
    part only the ordinary rows were kept in crisis.train.tsv: training on its crises too made dev worse (docs/safety.md)
train → locales/ja-JP/crisis.train.tsv and locales/ja-JP/intents.train.tsv (the bot's own intent names);
dev → corpus/crisis.dev.tsv, corpus/intents.dev.tsv; test → corpus/crisis.test.tsv, corpus/intents.test.tsv.
"""
import glob, hashlib, os, re, shutil, sys, unicodedata

RULES = {
    "raw": {"crisis": [(4, "train"), (6, "dev"), (9, "test")], "intents": [(1, "train"), (3, "dev"), (9, "test")]},
    "raw2": {"crisis": [(5, "train"), (9, "dev")], "intents": [(1, "train"), (3, "dev"), (9, "test")]},
    "raw3": {"crisis": [(4, "train"), (6, "dev"), (9, "test")], "intents": [(1, "train"), (3, "dev"), (9, "test")]},
    "raw4": {"crisis": [(9, "train")], "intents": [(9, "train")]},
    "raw5": {"crisis": [(9, "train")], "intents": [(9, "train")]},
    "raw6": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw7": {"crisis": [(7, "train"), (9, "dev")], "intents": [(7, "train"), (9, "dev")]},
    "raw10": {"crisis": [(7, "train"), (9, "dev")], "intents": [(7, "train"), (9, "dev")]},
    "raw9": {"crisis": [(7, "train"), (9, "dev")], "intents": [(7, "train"), (9, "dev")]},
    "raw11": {"crisis": [(7, "train"), (9, "dev")], "intents": [(7, "train"), (9, "dev")]},
    "raw12": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw13": {"crisis": [(7, "train"), (9, "dev")], "intents": [(7, "train"), (9, "dev")]},
    "raw14": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw15": {"crisis": [(9, "train")], "intents": [(9, "train")]},
    "raw16": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw17": {"crisis": [(9, "train")], "intents": [(9, "train")]},
    "raw18": {"crisis": [(7, "train"), (9, "dev")], "intents": [(7, "train"), (9, "dev")]},
    "raw19": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw20": {"crisis": [(9, "train")], "intents": [(9, "train")]},
    "raw22": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw21": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
    "raw8": {"crisis": [(5, "train"), (7, "dev"), (9, "test")], "intents": [(5, "train"), (7, "dev"), (9, "test")]},
}
SRC = "written apart from the model (corpus/README.md); split by corpus/split.py"
FILES = {
    ("crisis", "train"): ("locales/ja-JP/crisis.train.tsv", ["id", "label", "utterance", "note"], "crisis classifier training split. "),
    ("crisis", "dev"): ("corpus/crisis.dev.tsv", ["id", "is_crisis", "utterance", "note"], "crisis dev split: tune here. "),
    ("crisis", "test"): ("corpus/crisis.test.tsv", ["id", "is_crisis", "utterance", "note"], "crisis test split: report only, never tune. "),
    ("intents", "train"): ("locales/ja-JP/intents.train.tsv", ["id", "intent", "utterance", "note"], "intent training split. "),
    ("intents", "dev"): ("corpus/intents.dev.tsv", ["id", "label", "utterance", "note"], "intents dev split: tune here. "),
    ("intents", "test"): ("corpus/intents.test.tsv", ["id", "label", "utterance", "note"], "intents test split: report only, never tune. "),
}

def bucket(row_id: str) -> int:
    return int(hashlib.md5(row_id.encode("utf-8")).hexdigest(), 16) % 10

def read(path):
    rows, header = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        if len(cols) != 4:
            sys.exit(f"{path}: bad row {line!r}")
        rows.append(cols)
    return header, rows

# Scorer label → the bot's intent for training. Greetings are left out of training (the bot tells
# greeting, thanks and goodbye apart; the scorer does not).
def bot_intent(label, text):
    if label == "emergency.call":
        return "emergency.contacts" if re.search(r"緊急|番号|連絡先|24|２４|きんきゅう|ばんごう|れんらくさき", text) else "contact.now"
    return {
        "faq.application_steps": "faq.apply_steps", "meetup.info": "meetup.find",
        "meetup.talk_to_peer": "peer.talk", "out_of_scope": "none", "smalltalk.greeting": None,
    }.get(label, label)

def to_split_row(kind, split, r):
    if split != "train":
        return r
    if kind == "crisis":
        return [r[0], r[3].split("|")[0] if r[1] == "1" else "none", r[2], r[3]]
    intent = bot_intent(r[1], r[2])
    return [r[0], intent, r[2], r[3]] if intent else None

def append(path, header, comment, rows):
    existing = set()
    if os.path.exists(path):
        existing = {l.split("\t")[0] for l in open(path, encoding="utf-8") if not l.startswith("#")}
    new = [r for r in rows if r[0] not in existing]
    with open(path, "a", encoding="utf-8", newline="\n") as f:
        if not existing:
            f.write(f"# {comment}{SRC}\n" + "\t".join(header) + "\n")
        for r in new:
            f.write("\t".join(r) + "\n")
    return len(new)

def main():
    batch = sys.argv[1] if len(sys.argv) > 1 else "raw"
    if batch not in RULES:
        sys.exit(f"unknown batch {batch!r}; known: {', '.join(RULES)}")
    raw = sorted(glob.glob(f"corpus/{batch}/*.tsv"))
    if not raw:
        sys.exit(f"corpus/{batch}/*.tsv not found: raw folders are removed after their split (corpus/README.md)")
    out = {}
    for path in raw:
        header, rows = read(path)
        kind = "crisis" if header[1] == "is_crisis" else "intents"
        for r in rows:
            b = bucket(r[0])
            split = next(name for top, name in RULES[batch][kind] if b <= top)
            row = to_split_row(kind, split, r)
            if row:
                out.setdefault((kind, split), []).append(row)
    for key, rows in sorted(out.items()):
        path, header, comment = FILES[key]
        print(key, "+", append(path, header, comment, rows), "→", path)
    dedupe()
    shutil.rmtree(f"corpus/{batch}")


def norm(text):
    """The comparison the before-stop check uses: NFKC, no white space, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def dedupe():
    """Two writers sometimes write the same short message (「リスカした」「こんにちは」). An evaluation row whose
    text (after NFKC, without spaces, lower case) is a training row or a list item of any locales YAML is dropped
    (training wins), and a dev row whose text is a test row too (test wins)."""
    def texts(path):
        return {norm(l.rstrip("\n").split("\t")[2]) for l in open(path, encoding="utf-8") if not l.startswith("#")} if os.path.exists(path) else set()
    yaml_items = set()
    for path in glob.glob("locales/**/*.yaml", recursive=True):
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\s*-\s*(.+?)\s*$", line)
            if m:
                yaml_items.add(norm(m.group(1).strip("'\"")))
    for kind in ("crisis", "intents"):
        train = texts(FILES[(kind, "train")][0]) | yaml_items
        test_path, dev_path = FILES[(kind, "test")][0], FILES[(kind, "dev")][0]
        for path, seen in ((test_path, train), (dev_path, train | texts(test_path))):
            if not os.path.exists(path):
                continue
            lines = open(path, encoding="utf-8").read().splitlines(keepends=True)
            kept = [l for i, l in enumerate(lines) if l.startswith("#") or i <= 1 or norm(l.rstrip("\n").split("\t")[2]) not in seen]
            if len(kept) != len(lines):
                print(path, "-", len(lines) - len(kept), "rows whose text is also in a split that wins")
                open(path, "w", encoding="utf-8", newline="\n").write("".join(kept))


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--dedupe":
    dedupe()
    sys.exit(0)

if __name__ == "__main__":
    main()
