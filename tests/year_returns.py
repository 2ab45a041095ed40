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


def busy_year(folder: Path, year: int, name: str = "") -> Path:
    """A return for the year ending March `year` with ten dates in it: four children came and went, two
    came in and stayed, two have been in care since before the year."""
    y0 = year - 1
    return write_return(folder, [f"A{i} 1{i}/05/{y0} 2{i}/01/{year}" for i in range(1, 5)]
                        + [f"B{i} 0{i}/09/{y0}" for i in range(1, 3)] + [f"L{i} 0{i}/06/{y0 - 3}" for i in range(1, 3)],
                        name=name)


def xml_return(path: Path, header: str = "", decom: str = "10/05/2024", dec: str = "") -> Path:
    """One child's EXPSSDA903 XML file, with `header` (a collection header) before the children."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<EXPSSDA903>
  {header}
  <CHILD>
    <HEADER><CHILDID>X1</CHILDID><SEX>M</SEX><DOB>01/01/2012</DOB><ETHNIC>WBRI</ETHNIC><UPN>UN1</UPN><UASC />
      <MOTHER /><MC_DOB /></HEADER>
    <EPISODE><DECOM>{decom}</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><PL_POST /><HOME_POST />
      <URN /><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>{dec}</DEC><REC>{'E4A' if dec else ''}</REC>
      <REASON_PLACE_CHANGE /></EPISODE>
  </CHILD>
</EXPSSDA903>
""")
    return path
