"""`vakmanschap skills ...`: the skills engine on the command line (JSON lines).

    vakmanschap skills match-titles --top K [--lang nl|en]   < titles, one per line
    vakmanschap skills extract --top K [--lang nl|en]        < texts, one per line
    vakmanschap skills routes --occupation URI [--occupation URI ...] [--skill URI ...]
                              [--education mbo2] [--top N] [--all] [--lang nl|en]
    vakmanschap skills evaluate [--eval DIR] [--loo-sample N]
    vakmanschap skills warm
    vakmanschap skills labels [--lang nl|en]                 < ESCO URIs, one per line
    vakmanschap skills coverage [--lang nl|en] [--region twente]

Input is read as bytes and decoded per line, so lines stay aligned (an empty line gives an
empty result) and invalid UTF-8 is reported with its line number. Input is streamed in small
batches: memory stays constant however long the input is.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.db import connections

from vakmanschap.esco.models import DEFAULT_REGION
from vakmanschap.esco.shown_labels import dutch_link_coverage, shown_labels
from vakmanschap.esco.snapshot import build_snapshot
from vakmanschap.skills import loader, services
from vakmanschap.skills_engine import dutch_evaluation, evaluation, title_benchmark
from vakmanschap.skills_engine.engine import UnknownURI
from vakmanschap.skills_engine.routes import EDUCATION_LEVEL, HeldOccupation, Person

BATCH = 64


def default_eval_dir() -> Path:
    return Path(settings.SHARED_DIR) / "eval"


def read_lines(stream):
    """(line number, text) per input line; raises CommandError on invalid UTF-8."""
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"line {number}: invalid UTF-8 ({exc.reason} at byte {exc.start})."
            ) from None
        yield number, text.rstrip("\r\n").lstrip("\ufeff" if number == 1 else "")


def unknown_uri_message(exc: UnknownURI, kind: str) -> str:
    nearest = "; ".join(f"{uri} ({label})" for uri, label in exc.nearest) or "none found"
    return f"Unknown ESCO {kind} URI {exc.uri!r}. Nearest matches: {nearest}."


class Command(BaseCommand):
    help = "The skills engine: job titles and texts to ESCO, routes, evaluation, cache warm-up."
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        p = sub.add_parser("match-titles", help="job titles on stdin -> occupations (JSON lines)")
        p.add_argument("--top", type=int, default=10)
        p.add_argument("--lang", choices=["nl", "en"], default="nl")
        p = sub.add_parser("extract", help="texts on stdin -> skills (JSON lines)")
        p.add_argument("--top", type=int, default=10)
        p.add_argument("--lang", choices=["nl", "en"], default="nl")
        p = sub.add_parser("routes", help="routes for a person given on the command line")
        p.add_argument("--occupation", action="append", default=[], metavar="URI")
        p.add_argument("--skill", action="append", default=[], metavar="URI")
        p.add_argument("--education", choices=sorted(EDUCATION_LEVEL))
        p.add_argument("--top", type=int, default=10)
        p.add_argument(
            "--all",
            action="store_true",
            dest="all_occupations",
            help="all occupations, not only the shortage list",
        )
        p.add_argument("--lang", choices=["nl", "en"], default="nl")
        p = sub.add_parser("evaluate", help="quality figures on the validation files (markdown)")
        p.add_argument(
            "--eval",
            dest="eval_dir",
            default=None,
            help="evaluation folder (default: eval/ in VAKMANSCHAP_SHARED_DIR, ../shared)",
        )
        p.add_argument(
            "--loo-sample",
            type=int,
            default=2000,
            help="Dutch leave-one-label-out sample size (0 skips it)",
        )
        sub.add_parser("warm", help="build (or check) the engine cache")
        p = sub.add_parser(
            "labels", help="ESCO URIs on stdin -> the label shown, its language and source"
        )
        p.add_argument("--lang", choices=["nl", "en"], default="nl")
        p = sub.add_parser(
            "coverage",
            help="share of the shortage occupations' skill links with a label in --lang",
        )
        p.add_argument("--lang", choices=["nl", "en"], default="nl")
        p.add_argument("--region", default=None, help="labour-market region code (default: home)")

    def run_from_argv(self, argv):
        """Like Django's, but an error is printed as its plain sentence (no class name)."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)
        finally:
            connections.close_all()

    def handle(self, *args, action, **options):
        self.stdin = options.get("stdin") or sys.stdin.buffer
        if action in ("labels", "coverage"):  # the database's labels; no engine needed
            getattr(self, "do_" + action)(**options)
            return
        try:
            engine = loader.get_engine()
        except loader.EscoNotImported as exc:
            raise CommandError(str(exc)) from None
        if action == "warm":
            self.stdout.write(
                f"Skills engine ready for ESCO {engine.version} "
                f"({len(engine.occ_uris)} occupations, {len(engine.skill_uris)} "
                f"skills) in {loader.cache_dir()}."
            )
            return
        handler = getattr(self, "do_" + action.replace("-", "_"))
        handler(engine, **options)

    def _emit(self, obj) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False))

    def _stream(self, fn):
        """Apply fn to batches of lines; results before a bad line are written first."""
        batch: list[str] = []
        try:
            for _, text in read_lines(self.stdin):
                batch.append(text)
                if len(batch) >= BATCH:
                    fn(batch)
                    batch = []
        except CommandError:
            if batch:  # the good lines before the bad one still get their results
                fn(batch)
            raise
        if batch:
            fn(batch)
        self.stdout.flush()

    def do_match_titles(self, engine, top, lang, **_):
        def run(batch):
            results = engine.match_titles(batch, top, lang)
            for text, matches in zip(batch, results, strict=True):
                self._emit(
                    {
                        "query": text,
                        "matches": [
                            {"uri": u, "label": label, "score": round(float(s), 4)}
                            for u, label, s in matches
                        ],
                    }
                )

        self._stream(run)

    def do_extract(self, engine, top, lang, **_):
        def run(batch):
            for text in batch:
                self._emit(
                    {
                        "text": text,
                        "skills": [
                            {"uri": u, "label": label, "score": round(float(s), 4)}
                            for u, label, s in engine.extract_skills(text, top, lang)
                        ],
                    }
                )

        self._stream(run)

    def do_routes(self, engine, occupation, skill, education, top, all_occupations, lang, **_):
        if not occupation and not skill:
            raise CommandError("Give at least one --occupation URI or --skill URI.")
        try:
            for uri in occupation:
                engine.occupation_label(uri)
        except UnknownURI as exc:
            raise CommandError(unknown_uri_message(exc, "occupation")) from None
        try:
            for uri in skill:
                engine.skill_label(uri)
        except UnknownURI as exc:
            raise CommandError(unknown_uri_message(exc, "skill")) from None
        person = Person(
            occupations=[HeldOccupation(u, 0) for u in occupation],
            added_skills=list(skill),
            education=education,
        )
        courses = services.engine_courses(engine.skill_pos)
        shortage = services.engine_shortage(
            services.scheme_region(), known_occupations=engine.occ_pos
        )
        rules = services.engine_rules()
        routes = engine.routes(
            person, shortage, courses, rules, k=top, all_occupations=all_occupations
        )
        by_id = {c.id: c for c in courses}
        sectors = {s.uri: s.sector for s in shortage}

        def skill_ref(uri):
            return {"uri": uri, "label": engine.skill_label(uri, lang)}

        self._emit(
            {
                "person": {
                    "occupations": [
                        {"uri": u, "label": engine.occupation_label(u, lang)} for u in occupation
                    ],
                    "skills": [skill_ref(u) for u in skill],
                    "education": education,
                },
                "shortage_occupations": len(shortage),
                "courses_considered": len(courses),
                "rules": {"max_level": rules.max_level, "max_amount_cents": rules.max_amount_cents},
                "routes": [
                    {
                        "target": {
                            "uri": r.uri,
                            "label": r.label.get(lang) or r.label.get("en", ""),
                        },
                        "sector": sectors.get(r.uri, ""),
                        "score": round(float(r.score), 4),
                        "components": {k: round(float(v), 4) for k, v in r.components.items()},
                        "viable": bool(r.viable),
                        "highly_viable": bool(r.highly_viable),
                        "on_shortage_list": bool(r.on_shortage_list),
                        "matched": [
                            {
                                "person_skill": skill_ref(p),
                                "required_skill": skill_ref(q),
                                "similarity": round(float(s), 4),
                            }
                            for p, q, s in r.matched
                        ],
                        "gaps": [skill_ref(u) for u in r.gaps],
                        "uncovered": [skill_ref(u) for u in r.uncovered],
                        "courses": [
                            {
                                "id": c,
                                "title": by_id[c].title,
                                "level": by_id[c].level,
                                "price_cents": by_id[c].price_cents,
                                "months": by_id[c].duration_months,
                                "provider_id": by_id[c].provider_id,
                            }
                            for c in r.courses
                        ],
                        "total_price_cents": int(r.total_price_cents),
                        "total_months": float(r.total_months),
                        "eligible": bool(r.eligible),
                        "reasons": list(r.reasons),
                        "explanation": {"nl": r.explanation_nl, "en": r.explanation_en},
                    }
                    for r in routes
                ],
            }
        )

    def do_labels(self, lang, **_):
        def run(batch):
            shown = shown_labels([uri.strip() for uri in batch], lang)
            for line in batch:
                uri = line.strip()
                if not uri:
                    self._emit({"uri": "", "label": None, "lang": None, "source": None})
                elif uri not in shown:
                    self._emit(
                        {
                            "uri": uri,
                            "label": None,
                            "lang": None,
                            "source": None,
                            "error": "unknown ESCO URI",
                        }
                    )
                else:
                    label = shown[uri]
                    self._emit(
                        {
                            "uri": uri,
                            "label": label.label,
                            "lang": label.lang,
                            "source": label.source,
                        }
                    )

        self._stream(run)

    def do_coverage(self, lang, region, **_):
        c = dutch_link_coverage(region or DEFAULT_REGION, lang=lang)
        self._emit(
            {
                "lang": lang,
                "shortage_occupations": c.occupations,
                "links": c.links,
                "links_with_label": c.links_in_language,
                "link_share": round(c.link_share, 4),
                "skills": c.skills,
                "skills_with_label": c.skills_in_language,
                "skill_share": round(c.skill_share, 4),
            }
        )

    def do_evaluate(self, engine, eval_dir, loo_sample, **_):
        eval_dir = Path(eval_dir) if eval_dir else default_eval_dir()
        titles_csv = eval_dir / "jobtitles" / "titles.validation.csv"
        house_csv = eval_dir / "skills" / "house_validation_annotations.csv"
        tech_csv = eval_dir / "skills" / "tech_validation_annotations.csv"
        missing = [str(p) for p in (titles_csv, house_csv, tech_csv) if not p.exists()]
        if missing:
            raise CommandError(f"Evaluation files not found: {', '.join(missing)}.")
        start = time.perf_counter()
        loader.reset()
        loader.get_engine()
        load_s = time.perf_counter() - start
        # The app's engine may hold the file's titles as examples (SKILLS_ENGLISH_TITLE_EXAMPLES),
        # so it gives the speed only; the quality is measured where no title was added.
        t = evaluation.evaluate_titles(engine, titles_csv)
        english = title_benchmark.evaluate_english_titles(
            build_snapshot(), titles_csv, title_encoder=loader.engine_config().title_encoder
        )
        h = evaluation.evaluate_skills(engine, house_csv)
        te = evaluation.evaluate_skills(engine, tech_csv)
        lines = [
            f"ESCO {engine.version}, evaluation files in {eval_dir}",
            "",
            "| quality (validation files) | figure | target |",
            "| --- | --- | --- |",
            *title_benchmark.english_markdown_rows(english),
            f"| skills house RP@5 / RP@10 (n={h['n']}) | {h['rp@5']:.3f} / {h['rp@10']:.3f} "
            "| >= 0.52 |",
            f"| skills tech RP@5 / RP@10 (n={te['n']}) | {te['rp@5']:.3f} / {te['rp@10']:.3f} "
            "| >= 0.65 |",
            *evaluation.cv_rows(
                evaluation.cross_validate_skills(engine, {"house": house_csv, "tech": tech_csv})
            ),
        ]
        if loo_sample:
            d = evaluation.evaluate_dutch_leave_one_out(build_snapshot(), loo_sample)
            lines.append(
                f"| Dutch leave-one-label-out recall@1 / @5 (n={d['n']}, seed "
                f"{d['seed']}) | {d['recall@1']:.3f} / {d['recall@5']:.3f} | |"
            )
        lines += [
            "",
            "| speed | figure | target |",
            "| --- | --- | --- |",
            f"| titles per second | {t['titles_per_s']:.0f} | >= 500 |",
            f"| sentences per second (house / tech) | {h['sentences_per_s']:.0f} / "
            f"{te['sentences_per_s']:.0f} | >= 100 |",
            f"| engine load (cache, from the database's ESCO) | {load_s:.2f} s | <= 3 s |",
        ]
        lines += ["", *self._dutch_figures(engine, eval_dir)]
        for line in lines:
            self.stdout.write(line)

    def _dutch_figures(self, engine, eval_dir: Path) -> list[str]:
        """Dutch titles and Dutch free text on the database's ESCO (with whatever Dutch labels
        were imported), each on a dev half and a held-out half."""

        titles_tsv = eval_dir / "jobtitles_nl" / "titles_nl.validation.tsv"
        titles = (
            # from the database's ESCO without the Dutch title examples (they are the titles
            # measured), with the English ones as the app's engine has them; hybrid when the
            # app's engine is (SKILLS_TITLE_ENCODER)
            dutch_evaluation.evaluate_dutch_titles(
                loader.snapshot_with_examples(langs=("en",)),
                titles_tsv,
                title_encoder=loader.engine_config().title_encoder,
            )
            if titles_tsv.exists()
            else None
        )
        free_text = dutch_evaluation.evaluate_dutch_free_text(engine, build_snapshot())
        return dutch_evaluation.markdown(titles, free_text).splitlines()
