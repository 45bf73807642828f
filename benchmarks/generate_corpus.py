"""Generate synthetic summit articles (2-4 KB, Korean and English) for the corpus benchmark.

    python benchmarks/generate_corpus.py OUT_DIR [--count 1000] [--seed 7]

The articles are made from sentence patterns filled with catalogue names and invented
people, so extraction does real work on each one; they are not meant to be read.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

KO_COMPANIES = ["삼성전자", "네이버", "카카오", "LG AI연구원", "SK텔레콤", "KT", "구글", "오픈AI",
                "마이크로소프트", "앤트로픽", "IBM", "세일즈포스", "코히어", "어도비", "메타", "아마존"]
EN_COMPANIES = ["Samsung Electronics", "Naver", "Kakao", "LG AI Research", "SK Telecom", "KT", "Google",
                "OpenAI", "Microsoft", "Anthropic", "IBM", "Salesforce", "Cohere", "Adobe", "Meta", "Amazon"]
KO_SURNAMES = "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송".split()
KO_GIVEN = "민준 서연 도윤 지우 하준 서윤 예준 지민 주원 하은 시우 수아 지호 다은 준서 채원".split()
EN_FIRST = "Laura Daniel Priya Marcus Sofia Henry Grace Oliver Mina Chris Ethan Hannah".split()
EN_LAST = "Pennington Whitford Raman Hale Marchetti Osei Whitaker Grant Cartwright Yoo Brooks Lane".split()
KO_TITLES = ["최고기술책임자", "부사장", "대표", "AI정책총괄", "연구소장", "전무"]
EN_TITLES = ["chief technology officer", "vice president", "head of AI policy", "chief executive officer"]
NOISE_KO = "흐림서울17.{}℃\n"
NOISE_EN = "Related articles\n- What the Seoul Declaration says\n"


def korean(rng: random.Random, index: int) -> str:
    def person() -> str:
        return rng.choice(KO_SURNAMES) + rng.choice(KO_GIVEN)

    signers = rng.sample(KO_COMPANIES, rng.randint(3, 8))
    lines = [f"AI 서울 정상회의 특집 {index}호…기업들 서약 동참", "", f"입력 2024.05.22 10:{index % 60:02d}",
             f"{person()} 기자", "", "".join(NOISE_KO.format(i) for i in range(rng.randint(2, 6)))]
    lines.append(f"{', '.join(signers)} 등 {len(signers) + rng.randint(0, 6)}개 기업이 22일 '서울 AI 기업 서약'에 "
                 "서명했다. 책임 있는 AI 개발과 활용을 약속하는 내용이다.")
    for _ in range(rng.randint(4, 9)):
        org = rng.choice(KO_COMPANIES)
        lines.append(f"포럼 개회식에 참석한 {person()} {org} {rng.choice(KO_TITLES)}은 \"AI의 혜택이 고르게 "
                     "돌아가도록 안전 기준을 함께 만들겠다\"고 말했다. 이 자리에는 여러 기업 관계자들이 함께했다.")
        lines.append(f"{rng.choice(KO_COMPANIES)}는 자체 모델의 위험 평가 절차를 강화하기로 했으며, 전문가 세션에서 "
                     "관련 사례를 소개했다.")
    lines.append(f"여기에 {rng.choice(KO_COMPANIES)}를 비롯한 16개 기업은 '프론티어 AI 안전 서약'을 체결했다.")
    lines.append("ⓒ 합성뉴스. 무단전재 및 재배포 금지")
    return "\n\n".join(lines) + "\n"


def english(rng: random.Random, index: int) -> str:
    def person() -> str:
        return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"

    signers = rng.sample(EN_COMPANIES, rng.randint(3, 6))
    lines = [f"Seoul AI Business Pledge draws {len(signers)} more firms, issue {index}", "",
             f"By {person()}", "May 22, 2024", ""]
    lines.append(f"SEOUL, May 22 (Synthetic Wire) - Fourteen companies, including {', '.join(signers[:-1])} and "
                 f"{signers[-1]}, signed the Seoul AI Business Pledge at the AI Global Forum on Wednesday.")
    for _ in range(rng.randint(4, 9)):
        org = rng.choice(EN_COMPANIES)
        lines.append(f"\"We will publish our safety framework before the next summit,\" said {person()}, "
                     f"{rng.choice(EN_TITLES)} at {org}, who attended the forum's opening ceremony.")
        lines.append(f"{rng.choice(EN_COMPANIES)}, which is backed by {rng.choice(EN_COMPANIES)}, was among 16 "
                     "companies that signed the Frontier AI Safety Commitments on Tuesday.")
    lines.append(NOISE_EN)
    return "\n\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.count):
        text = (korean if index % 2 == 0 else english)(rng, index)
        while len(text.encode("utf-8")) < 2048:
            text += "\n" + (korean if index % 2 == 0 else english)(rng, index).split("\n\n", 6)[-1]
        data = text.encode("utf-8")[:4000].decode("utf-8", errors="ignore")
        (args.out / f"{index:04d}.txt").write_text(data, encoding="utf-8")


if __name__ == "__main__":
    main()
