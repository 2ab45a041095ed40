"""Tiny hand-written SSDA903 returns for the collection-year tests: a header, episodes and reviews table
shaped like a council's CSV files, from one short line per episode."""

from __future__ import annotations

from pathlib import Path

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE"


def episode(line: str) -> str:
    """'C1 10/05/2017' (open) or 'C1 10/05/2017 03/02/2018' (ceased, returned home) -> an episodes row."""
    child, decom, *dec = line.split()
    ceased = f"{dec[0]},E4A,," if dec else ",,,"
    return f"{child},{decom},S,C2,N1,U1,PR1,{ceased}AB1 2CD,AB1 2CE,"


def write_return(folder: Path, episodes: list[str], reviews: list[str] = (), name: str = "") -> Path:
    """Write header.csv, episodes.csv and (if any) reviews.csv ('C1 12/09/2017' per review) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    children = sorted({e.split()[0] for e in episodes} | {r.split()[0] for r in reviews})
    (folder / f"{name}header.csv").write_text("\n".join([HEADER, *(f"{c},1,01/01/2010,WBRI,UN1,," for c in children)]) + "\n")
    (folder / f"{name}episodes.csv").write_text("\n".join([EPISODES, *map(episode, episodes)]) + "\n")
    if reviews:
        rows = [f"{c},01/01/2010,{d},PN1" for c, d in (r.split() for r in reviews)]
        (folder / f"{name}reviews.csv").write_text("\n".join([REVIEWS, *rows]) + "\n")
    return folder


def year_2017_18(folder: Path, reviews: list[str] = ()) -> Path:
    """A 2017/18 return: one child in care all year, one who came in and went home, one still in care."""
    return write_return(folder, ["C1 12/03/2015", "C2 10/05/2017 03/02/2018", "C3 20/11/2017"], reviews)
