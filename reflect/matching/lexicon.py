"""The project's own lexicon: words read as one, and the one list of words that place nobody.

Every cue phrase lives in the tension files (``tensions/*.yaml``), where ``reflect check``
validates it; this module holds only general language, the same for every tension.
"""

from __future__ import annotations

#: Words read as another word before stemming (same idea, different word).
SYNONYMS: dict[str, str] = {
    "money": "funding",
    "cash": "funding",
    "grant": "funding",
    "grants": "funding",
    "income": "funding",
    "finance": "funding",
    "finances": "funding",
    "funder": "funder",
    "funders": "funder",
    "sway": "influence",
    "clout": "influence",
    "leverage": "influence",
    "la": "council",
    "authority": "council",
    "authorities": "council",
    "councils": "council",
    "statutory": "statutory",
    "boss": "manager",
    "bosses": "manager",
    "row": "argument",
    "rows": "argument",
    "argue": "argument",
    "argued": "argument",
    "arguing": "argument",
    "arguments": "argument",
    "rivals": "rival",
    "rivalry": "rival",
    "competitor": "competition",
    "competitors": "competition",
    "compete": "competition",
    "competing": "competition",
    "competed": "competition",
    "competitive": "competition",
    "cooperate": "cooperation",
    "co-operate": "cooperation",
    "cooperating": "cooperation",
    "cooperated": "cooperation",
    "co-operation": "cooperation",
    "collaborate": "cooperation",
    "collaborating": "cooperation",
    "collaborated": "cooperation",
    "okay": "ok",
}

#: Words dropped before phrase matching, in cues and in text alike.
FILLERS: frozenset[str] = frozenset(
    """
    a an the really just very quite actually basically so all bit
    """.split()
)
#: The commonest words: pronouns, auxiliaries, prepositions, conjunctions. A cue is matched
#: on its other words; a cue of these alone must be an idiom of three or more ("give and take").
FUNCTION: frozenset[str] = frozenset(
    """
    i me my we us our you your they them their it its he him his she her is are was were be
    been being am do did does done have has had will would shall should can could may might
    must get got go going went make made take took give gave to of in on at for by from with
    about into onto over under up down out off along and or but nor not no so if that this
    these those there here what which who whom when where how than then as
    """.split()
)
#: The project's one stop-word list: words that carry no pole on their own (after
#: normalisation). FILLERS and FUNCTION above are the parts of it the cue layer treats
#: specially; the learned reader quotes none of these alone.
GENERIC: frozenset[str] = (
    FILLERS
    | FUNCTION
    | frozenset(
        """
    a an the and or of to in on at for with by from as is are was were be been being am do
    does did have has had will would shall should can could may might must it its this that
    these those there here what which who whom whose when where why how i me my mine we us
    our ours you your they them their theirs he him his she her hers one ones some any all
    each every so very really just quite rather also too then than if because about into
    over after before again still even only much many more most lot lots thing things get
    got getting go going gone went come came make made making say said says tell told think
    thought feel felt know knew want wanted way ways time times year years day days week
    weeks month months people council partner partners partnership partnerships meeting
    meetings board boards organisation organisations charity charities sector voluntary
    local family families child children young service services work worked working works
    group groups team teams issue issues point points bit well yes no ok honestly actually
    basically sometimes often always never not isn't it's that's i'm we're they're there's
    don't can't won't new last next first other others own same good bad big small right
    wrong sure back but like let put take took taken takes keep keeping kept now three two
    four five six ten anything something everything nothing someone anyone everyone somebody
    anybody head heads member members try tried trying another enough bigger biggest around
    ever once twice while until since though although however through across within without
    under up down out off away along onto upon among between both either neither each
    whether almost already soon later early late today yesterday tomorrow year's ago see saw
    seen look looked looking seem seemed seems give gave given giving find found use used
    using ask asked asking call called calling show showed shown start started mean meant
    means help helped helping run ran running set sets turn turned leave left put putting
    bring brought become became becoming end ended ending part parts place case cases fact
    kind sort type number numbers area areas world life hand hands side sides level levels
    line lines room rooms home house office offices table tables question questions answer
    answers word words name names thing's data stuff lunch person man woman men women mum
    dad parent parents staff worker workers colleague colleagues manager managers director
    directors chief executive chair chairs officer officers important certainly last first
    second third next lot lots much many few little less least more most
    """.split()
    )
)
