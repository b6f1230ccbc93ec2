"""The patterns each intent is recognised by (on normalised text, numbers as digits).

Kept apart from the logic that weighs them, so that a rule is read in one place. Every
pattern is a phrase family, not a sentence: "talk to (a|the|your) (person|agent|seller...)".
"""

from __future__ import annotations

from propertyhub.calls.agent import regex as re


def rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in parts))


HOME = (
    r"(?:it|this|that|the (?:place|house|home|unit|apartment|condo|property|townhouse|"
    r"townhome|cottage|loft|flat|studio|building|lot|land|space|office|one))"
)
PERSON = (
    r"(?:seller|sellers|owner|owners|landlord|landlords|homeowner|realtor|broker|"
    r"listing agent|agent|agents|he|she|him|her|they|them|their|his)"
)

INJECTION = rx(
    r"\bignore (?:all |any |your |the |my |previous |prior |above |earlier )*"
    r"(?:instructions|rules|prompts?|guidelines|directions|programming)",
    r"\b(?:system prompt|system message|system override|admin mode|developer mode|dev mode|"
    r"god mode|jailbreak|jail break|sudo|root access|debug mode)\b",
    r"\byou are (?:now|no longer)\b",
    r"\bfrom now on,? you\b",
    r"\bpretend (?:to be|you)\b",
    r"\bact as (?:if|a|an|the|my)\b",
    r"\brole ?play\b",
    r"\bnew instructions?\b",
    r"\brepeat (?:everything|all|what was said|your instructions)",
    r"\b(?:print|dump|reveal|show me|list) (?:your |the |all )*(?:instructions|prompt|tools|"
    r"config|configuration|database|api keys?|passwords?|secrets?)",
    r"\bwhat tools do you\b",
    r"\bdatabase password\b",
    r"\bsecret (?:discount )?codes?\b",
    r"\bdisregard (?:all|your|the|previous)\b",
    r"\boverride\b",
    r"\bmark (?:this|the) listing as\b",
    r"\btalk like a pirate\b",
    r"\blist all (?:buyer|user|customer|caller)s?\b",
    r"\brepeat after me\b",
    r"\bforget (?:you are|that you|your|everything|all)\b",
    r"\byou are (?:a|an) \w+ now\b",
    r"\bpirate\b",
    r"\bsay (?:that|the seller) (?:accepts|agreed|agrees)\b",
    r"\blet us play a game\b",
    r"\byou are (?:the|my) (?:owner|seller|landlord|realtor|agent)\b",
    r"\bpretend (?:that )?you\b",
    r"\bnew rule\b",
    r"\byour (?:boss|manager|developer|creator|company) (?:says|said|told|wants|lets)\b",
    r"\byou are (?:now )?(?:allowed|permitted|authorized|authorised) to\b",
)
PRIVACY = rx(
    rf"\b{PERSON}s? (?:personal |private |own |actual |real |direct |home |cell |mobile )*"
    r"(?:phone|number|cell|cellphone|mobile|email|e mail|address|home address|contact|"
    r"contact info|last name|full name|social|bank)",
    rf"\b(?:phone|number|cell|email|address|contact info) (?:of|for) (?:the )?{PERSON}\b",
    rf"\bwhere (?:does|do|did) (?:the )?(?:{PERSON}|\w+) (?:actually |really )?live\b",
    r"\bwho (?:else )?(?:has |have )?(?:called|asked|looked|viewed|toured|inquired|is interested)",
    r"\bwho else\b",
    r"\b(?:other|previous|last) (?:people|buyers|callers|person|caller|bidders|applicants|"
    r"tenants)\b.*\b(?:offer|offered|name|names|number|paying|called|interested|said|details)",
    r"\bhow many (?:other )?(?:buyers|people|offers)\b.*\b(?:names?|who)\b",
    r"\bwhat (?:have|did) (?:other|the other) (?:people|buyers)\b",
    r"\bwho is the buyer\b",
    r"\bwho(?: is|s)? (?:buying|the buyer)\b",
    r"\bwhy (?:is|are) (?:the )?(?:he|she|they|seller|owner|owners|landlord|\w+) "
    r"(?:selling|moving|leaving|getting divorced)",
    r"\bdivorce|divorced|\bpassed away\b|\bfinancial (?:trouble|problems)\b",
    r"\b(?:personal|private) (?:cell|number|phone|email|address)\b",
    r"\bphone number of (?:the )?(?:last|other|previous)\b",
    r"\b(?:anybody|anyone|someone|somebody) else\b.*\b(?:offer|offered|called|interested|applied|bid)",
    r"\bname of the (?:tenant|renter|occupant|owner|seller)",
    r"\b(?:current|existing) (?:tenant|renter|occupant)s?\b.*\b(?:name|number|who|contact)",
    r"\bwho (?:lives|is living|is staying) (?:there|in it)\b",
)
NEGOTIATION = rx(
    r"\b(?:will|would|could|might) (?:they|he|she|the (?:seller|owner|landlord|owners)|you)"
    r" (?:take|accept|do \$?\d|go for|consider|come down|go down|budge|entertain|agree)",
    r"\b(?:accept|take) (?:my|an|that|this|the|\$?\d+)\b.*\b(?:offer|for them|cash|\d)",
    r"\baccept (?:that|it|this) for (?:them|him|her)\b",
    r"\blowest (?:price|they|he|she|you|it|number|offer)\b",
    r"\bbottom line\b",
    r"\bbest (?:price|deal|offer) (?:they|he|she|you)\b",
    r"\bknock (?:off|\d|like|some)",
    r"\b(?:lower|drop|reduce|cut|come down on|bring down) (?:the )?(?:price|rent|asking)\b",
    r"\bwaive\b",
    r"\bhold (?:it|the \w+|this \w+|that \w+|onto it) for me\b",
    r"\bhold it (?:till|until|for)\b",
    r"\breserve (?:it|the \w+) for me\b",
    r"\btake it off the market\b",
    r"\bpromise\b",
    r"\bguarantee\b",
    r"\block in\b",
    r"\bi will (?:offer|pay|do|give) \$?\d",
    r"\b\d+ flat\b.*\bdeal\b",
    r"\bdeal\b\s*$",
    r"\bgive me (?:the )?(?:1st|first) month free\b",
    r"\bdesperate\b",
    r"\bway less\b",
    r"\bnegotiate (?:with me|for me|on my behalf)\b",
    r"\bagree(?:d)? to (?:it|sell|my)\b",
    r"\bsell (?:it )?to me for\b",
    r"\bcut me a deal\b",
    r"\bdiscount (?:for me|on)\b",
    r"\bmatch (?:my|an|the) offer\b",
    r"\bcan you (?:get|make) (?:them|him|her|the seller)\b",
    r"\blowest (?:the )?(?:seller|owner|landlord|they|he|she|you)\b.*\b(?:accept|take|go|consider|do)\b",
    r"\b(?:least|minimum) (?:the )?(?:seller|owner|landlord|they|he|she) (?:would|will|might|could) "
    r"(?:accept|take)\b",
)
HANDOVER = rx(
    r"\b(?:real|actual|live|human|other|different) (?:person|agent|human|being|people|"
    r"representative|realtor)\b",
    r"\b(?:a|an|some) human\b",
    r"\bhuman being\b",
    r"\bsomeone real\b",
    r"\bsomebody real\b",
    r"\b(?:representative|operator|supervisor|manager)\b",
    r"\b(?:talk|speak|chat) (?:to|with) (?:a |an |the |your |someone|somebody|him|her|them|"
    r"the actual |an actual |a real )?(?:person|human|agent|realtor|seller|owner|homeowner|"
    r"landlord|listing agent|leasing office|manager|broker|someone|somebody|him|her|them|"
    r"people|staff|office)",
    r"\b(?:transfer|connect|forward|put) me (?:to|through|with)\b",
    r"\b(?:call|ring|phone|contact|text) me back\b",
    r"\bhave (?:someone|somebody|a person|him|her|them|the (?:seller|owner|agent|landlord|realtor|estate "
    r"agent))"
    r" (?:call|contact|reach|text|ring|phone)\b",
    r"\bcan (?:the )?(?:seller|owner|homeowner|landlord|agent|realtor|a person|someone) "
    r"(?:call|contact|reach|text)\b",
    r"\bget (?:the )?(?:seller|owner|landlord|agent|someone|somebody|a person) on the phone\b",
    r"\bwho (?:do|should|can) i (?:talk|speak) to\b",
    r"\b(?:a|any|some) ?(?:person|one|body|human) (?:i|we) (?:can|could) (?:talk|speak)",
    r"\bis there (?:a person|someone|somebody|anyone|anybody)\b",
    r"\b(?:talk|speak) to (?:someone|somebody|a person|a human) about\b",
    r"\bsomeone (?:who works|from the office|from the leasing)\b",
    r"\bsomebody who works\b",
    r"\bgive me a (?:ring|call|holler|buzz|shout|phone call|call back)\b",
    r"\b(?:seller|owner|landlord|homeowner)\b.*\b(?:be there|come by|meet me|meet us|"
    r"show me around|be present)\b",
    r"\b(?:estate agent|real estate agent|realestate agent|letting agent|listing agent|agent|realtor|broker|"
    r"person|human|someone|somebody) (?:i|we) (?:can|could) (?:talk|speak|chat) (?:to|with)\b",
    r"\brather (?:deal|talk|speak|chat) (?:to|with) (?:a |an |the )?(?:person|human|real person|someone|"
    r"somebody|agent|realtor)\b",
    r"\b(?:can|could) (?:the |your |an? )?(?:estate agent|agent|realtor|broker) (?:ring|call|phone|contact) "
    r"(?:me|us)\b",
    r"\b(?:ring|call|phone) (?:me|us) (?:back )?(?:please|pls)?\s*$",
)
GOODBYE = rx(
    r"\b(?:bye|byebye|goodbye|good bye|bye bye|see ya|see you|cya|adios|ciao|farewell|"
    r"goodnight|good night|take care|cheers|ttyl|talk soon|talk to you (?:later|soon)|"
    r"(?<!today )(?<!tomorrow )later)\s*[.!,]*\s*$",
    r"^\s*(?:bye|goodbye|good bye|adios|later(?! today| this| on\b| tonight))\b",
    r"\b(?:bye|goodbye|good bye)\b",
    r"\bhave a (?:good|nice|great|lovely|wonderful) (?:one|day|evening|night|weekend|"
    r"afternoon)\b",
    r"\b(?:that is|thats) (?:all|everything|it)(?: for now| i needed| for today)?\b",
    r"\b(?:that will|that would) be (?:all|it)\b",
    r"\bthat answers everything\b",
    r"\bi am (?:all set|done|good|all good|finished)\b",
    r"\ball set\b",
    r"\bi will let you go\b",
    r"\b(?:got to|have to|need to|must) (?:go|run|head out|jump)\b",
    r"\bi am (?:going to|about to) hang up\b",
    r"\bhanging up\b",
    r"\b(?:nothing else|no more questions|no further questions)\b",
    r"\bcall (?:you )?back later\b",
    r"\bhave a (?:\w+ )?(?:one|day|evening|night|weekend|afternoon)\b",
    r"\bso long\b",
    r"\bpeace out\b",
    r"\bcatch you later\b",
    r"\btalk (?:to you )?later\b",
    r"\bgotta bounce\b",
    r"\bgot to bounce\b",
    r"\bsigning off\b",
    r"^\s*peace\s*$",
    r"\bi am out\b",
    r"\b(?:ta ra|tara|cheerio|ta ta|toodles|toodle oo|laters|see you around|see ya later)\b",
    r"\b(?:we are|i am|we re) (?:all )?(?:done|finished) (?:here|now|for now|for today)\b",
    r"\bthank(?:s| you)\b.*\bgood (?:evening|night|day|afternoon)\s*[.!|]*\s*$",
    r"\b(?:we|i) will be in touch\b|\bbe in touch\b\s*[.!|]*\s*$",
    r"\bsee you (?:then|there|soon|on \w+|at \d+)\s*[.!|]*\s*$",
)
# What makes a goodbye word no goodbye: "don't hang up", "before I go", "bye the way".
NOT_GOODBYE = re.compile(
    r"\b(?:do not|dont|not|no) (?:hang up|go|say (?:good)?bye)\b|\bbefore (?:i|you|we) "
    r"(?:go|hang up|say goodbye|leave)\b|\bbye the way\b|\bby the way\b|"
    r"\bsaid (?:good)?bye\b|\bsay (?:good)?bye to\b|\b(?:good)?bye is what\b|"
    r"\b(?:good)?bye to (?:my|her|his|their|the|our)\b|\bgoing to say (?:good)?bye\b|"
    r"\bnot (?:done|yet|finished)\b|\bone (?:more|last) thing\b|\bwait\b(?! for)|\bhang on\b|"
    r"\bstill have (?:some |a few |more )?questions\b"
)
VIEWING = rx(
    rf"\b(?:see|view|tour|visit|look at|checkout|walk through|walkthrough|look around|"
    rf"look inside|go see|come see|come look at) {HOME}",
    r"\b(?:see|view|tour|visit|checkout) (?:it|inside|the inside|in person)\b",
    r"\b(?:viewing|viewings|showing|showings|tour|tours|walkthrough|appointment|"
    r"open house|site visit)\b",
    r"\b(?:come|stop|swing|drop|pop) (?:by|over|in|out)\b",
    r"\btake a look\b",
    r"\bin person\b",
    r"\b(?:schedule|book|set up|arrange) (?:a |an |it|something|time)",
    r"\b(?:book|schedule|put|sign|pencil|get|fit|squeeze) (?:me|us) (?:in|down|up)\b",
    r"\b(?:book|schedule) (?:me|us) for\b",
    r"\bwhen can (?:i|we) (?:see|view|come|visit|tour|look)\b",
    r"\bshow (?:me|us) (?:it|the place|around|the \w+)\b",
    r"\b(?:can|could) (?:i|we) (?:see|view|visit|tour) (?:it|the|this|that)\b",
    r"\bsee it\b",
    r"\bwalk (?:it|the \w+) through\b",
    r"\bwalk through it\b",
    r"\b(?:morning|afternoon|evening|weekday|weekend|day|time)s? (?:next week |this week )?(?:works?|would "
    r"work|suits?|would suit|is good|are good|is fine) (?:for )?(?:me|us)\b",
    r"\bbook (?:me|us) in\b",
    r"\b(?:come|go|stop by and) (?:see|look at|view|check out|tour) (?:the|this|that|it|your)\b",
)
SELLER_REF = (
    r"(?:seller|owner|landlord|homeowner|realtor|listing agent|estate agent|letting agent|agent|"
    r"broker|agency|they|she|he|them|"
    r"(?:the |this )?same (?:guy|lady|person|owner|seller|landlord|agent|agency|company|people|"
    r"folks|family|firm|couple|management)|"
    r"guy|lady|gal|woman|man|fella|family|couple|person|company|"
    r"group|firm|agency|property group|"
    r"this seller|the same seller|the same owner|your client|this owner|this landlord|"
    r"the same person|this person|the company|this company|management|"
    r"property manager|leasing office)"
)
SELLER_LISTINGS = rx(
    rf"\b(?:does|do|did|has|have|is|are|can) (?:the |this |that |your )?{SELLER_REF} "
    r"(?:\w+ ){0,3}(?:have|has|got|own|owns|list|listed|listing|selling|sell|renting|rent|offer)"
    r" (?:\w+ ){0,2}(?:else|other|anything|something|more|any|listings|properties|homes|property|"
    r"places|houses|units|condos|apartments|rentals|land|lots|townhouses|townhomes|commercial)"
    r"\b",
    rf"\bwhat (?:else|other \w+|more) (?:does|do|did|has|have|is|are) (?:the |this |that )?"
    rf"{SELLER_REF}\b",
    rf"\bwhat (?:\w+ )?(?:does|do|did|has|have) (?:the |this |that )?{SELLER_REF} (?:\w+ )?"
    r"(?:have|got|own|list|listed|selling|sell|renting|rent|offer)\b",
    rf"\b(?:other|more|rest of|all) (?:\w+ )?(?:listings|properties|homes|places|houses|units|"
    rf"rentals|condos|apartments) (?:from|by|of|that) (?:the |this |that )?{SELLER_REF}\b",
    rf"\b{SELLER_REF} (?:have|has|got|own|owns|list|listed|selling|sell|renting) "
    r"(?:\w+ ){0,2}(?:else|other|more|anything)\b",
    rf"\bonly (?:place|listing|property|home|one) (?:the |this |that )?{SELLER_REF}\b",
    r"\b(?:the same|this|that) (?:management|company|owner|seller|landlord|person)\b.*\b"
    r"(?:have|has|got|own|list|listed)\b",
    r"\btheir other\b",
    r"\b(?:same|this) (?:seller|owner|landlord)\b",
    rf"\banything else (?:from|by) (?:the |this )?{SELLER_REF}\b",
    rf"\bwhat (?:else|other \w+) (?:{SELLER_REF}) (?:got|have|has|own|list)\b",
    r"\banything else (?:from|by) (?:you|you all|y all)\b",
    rf"\b(?:anything|something|what|everything|whatever)(?: else)? {SELLER_REF} (?:has|have|has got|have "
    r"got|got|owns|own|lists|is selling|are selling|is renting|are renting|rents out|rent out|sells|sell)\b",
    r"\b(?:his|her|their) other (?:\w+ )?(?:listings|properties|homes|places|houses|units|rentals|condos|"
    r"apartments|flats|ones|buildings)\b",
    r"\b(?:other|more|any) (?:\w+ ){0,3}(?:listings|properties|homes|places|houses|units|rentals|condos|"
    rf"apartments|flats) (?:from|by|of) (?:the |this |that )?{SELLER_REF}",
    r"\bwhat (?:else|other \w+) (?:do|have|did) (?:you all|y all|yall|you guys|these folks|those folks|"
    r"these guys|those guys|these people|you folks) (?:have )?(?:got|have|own|list|sell|rent)\b",
    r"\b(?:do|does|have|did) (?:these folks|those folks|this company|this agency|these people) "
    r"(?:\w+ ){0,2}(?:have|got|own|list|sell|rent)\b",
    r"\bwhat else (?:do|does|have|has) (?:these|those|the) (?:folks|guys|people|owners)\b",
    r"\b(?:anything|something|any|what)(?: else)? (?:of|from) (?:hers|his|theirs|them)\b",
    r"\b(?:is it|are they|is that) all (?:rentals|for sale|houses|condos|apartments)\b|\bonly (?:do "
    r")?rentals\b",
    r"\b(?:these|those) (?:guys|folks|people) (?:\w+ ){0,2}(?:have|got|own|list|sell|rent) (?:\w+ "
    r"){0,2}(?:other|else|more)\b",
)
SEARCH = rx(
    r"\b(?:any|anything|are there|is there anything|do you have|you have|have you got|"
    r"you got|got anything|got any|find|search|look(?:ing)? (?:for|at)|show me|recommend|"
    r"suggest|options|other|else|available|anywhere|i (?:need|want|would like) (?:a|an|some|something|"
    r"to (?:buy|rent|find))|we (?:need|want|would like) (?:a|an|some|something|to)|"
    r"in the market for|interested in (?:a|an|some|buying|renting)|what (?:about|else)|"
    r"how about|what do you have|what is there|what is available|what have you got)\b",
    r"\bwhat (?:do|did) you(?: all)? got\b",
)
_SINGULAR = (
    r"home|house|place|property|listing|unit|apartment|condo|townhouse|townhome|"
    r"rental|lot|studio|bungalow|cottage|spot|option|office|warehouse|loft|duplex|flat|"
    r"ranch|building"
)
SEARCH_NOUN = re.compile(
    r"\b(?:homes|houses|places|properties|listings|units|apartments|condos|townhouses|"
    r"townhomes|rentals|lots|acreage|studios|bungalows|cottages|spots|options|offices|"
    r"warehouses|lofts|duplexes|flats|buildings|single family|commercial|retail|land|office space|"
    r"retail space|commercial space|digs|pads|cribs)\b|\ba \d+ (?:bed|bedroom|br)\b"
    rf"|(?<!\bthe )\b(?:a|an|any|another|other|some|one|new|more) (?:\w+ ){{0,3}}(?:{_SINGULAR})\b"
    # "the cheapest house you got": a search, sorted.
    rf"|\b(?:cheapest|least expensive|most affordable|lowest priced|biggest|largest|smallest|"
    rf"most expensive|priciest) (?:\w+ ){{0,2}}(?:{_SINGULAR}|one|thing|option)\b"
)
# "the Victory Park condo", "this studio", "the highlands one": a listing named, not a search.
NAMED = re.compile(
    rf"\b(?:the|this|that) (?:\w+ ){{0,3}}(?:{_SINGULAR})\b"
    r"|\bthe (?!other\b|same\b|last\b|next\b|\d)\w+ (?:\w+ )?one\b"
    r"|\bthe one (?:on|in|at|near|with|by|off)\b"
)
ANYTHING = re.compile(r"\b(?:anything|something|other|else|places|homes|options)\b")
# A clause that adjusts the search just made: "what about in austin", "for sale", "i meant".
REFINE = re.compile(
    r"^(?:and |ok |so |hm |hmm |well |oh |actually |sorry |no |nah )*"
    r"(?:what about|how about|same (?:thing|search)|instead|i meant|make it|"
    r"and|with|without|under|over|below|above|for|to|in|only|just|at least|"
    r"no more than|between|drop|remove|forget|skip|also|plus|but|maybe|"
    r"try|same)\b|\b(?:instead|same thing|i meant|as well)\b"
)
FACTS: dict[str, re.Pattern] = {
    "price": rx(
        r"\bhow much\b",
        r"\bprice\b",
        r"\bprices\b",
        r"\bpriced\b",
        r"\bcost\b",
        r"\bcosts\b",
        r"\basking\b",
        r"\bask\b",
        r"\blisted (?:at|for)\b",
        r"\blist price\b",
        r"\bgoing for\b",
        r"\bselling for\b",
        r"\brenting for\b",
        r"\bwhat do they want\b",
        r"\b(?:hoping|looking|wanting|want) to get\b",
        r"\bthe rent\b",
        r"\brent (?:is|on|for)\b",
        r"\bmonthly rent\b",
        r"\brent\b\s*$",
        r"\blease rate\b",
        r"\bwhat (?:does|do) (?:it|they) "
        r"(?:go|rent|sell|lease) for\b",
        r"\bexpensive\b",
        r"\baffordable\b",
        r"\bhow pricey\b",
        r"\bwhat is it going for\b",
        r"\bvalue\b",
        r"\b\d{4,} is that (?:right|correct)\b",
        r"\bis it \$?\d{4,}\b",
        r"\bwhat would it (?:cost|run)\b",
        r"\bper month\b",
        r"\bmonthly\b",
        r"\bwhat are they (?:asking|charging|wanting)\b",
        r"\bcharging\b",
        r"\bthe number\b(?! of)",
        r"\bthe damage\b",
        r"\bset me back\b",
        r"\bprice tag\b",
        r"\bhow much (?:dough|cash|money|bucks)\b",
        r"\bwhat (?:is|are) (?:it|they) (?:going|listed) for\b",
        r"\bfor how much\b",
        r"\bis (?:it|that|the price|the rent)(?: really| actually| still)? \$?\d+(?: \d{2})?\b"
        r"(?:.*\b(?:or|right|correct|typo|wrong)\b)?",
    ),
    "bedrooms": rx(
        r"\bbed\b",
        r"\bbeds\b",
        r"\bbedrooms?\b",
        r"\bbr\b",
        r"\bsleeps?\b",
        r"\brooms? for sleeping\b",
        r"\bhow many rooms\b",
        # "is it a studio" asks the bedrooms; "the studio, does it have parking" names a listing.
        r"\b(?:is|a|or) (?:it |this |that )?(?:a )?studio\b(?! ,)|\bstudio or\b",
        r"\bsleeping\b",
        r"\bkids rooms\b",
    ),
    "bathrooms": rx(
        r"\bbath\b",
        r"\bbaths\b",
        r"\bbathrooms?\b",
        r"\btoilets?\b",
        r"\brestrooms?\b",
        r"\bshowers?\b",
        r"\bpowder room\b",
        r"\bwashrooms?\b",
        r"\bjohns?\b",
        r"\bloos?\b",
    ),
    "area": rx(
        r"\bsquare feet\b",
        r"\bfootage\b",
        r"\bhow big\b",
        r"\bhow large\b",
        r"\bsize\b",
        r"\bhow much space\b",
        r"\bhow many square\b",
        r"\bsquare\b",
        r"\barea\b(?! (?:like|near))",
        r"\bhow spacious\b",
        r"\bbig is it\b",
        r"\bhow much room\b",
        r"\bfloor space\b|\bhow much (?:room|space) (?:is there|does it have|has it got)\b",
    ),
    "address": rx(
        r"\baddress\b",
        r"\bstreet\b",
        r"\bwhere is (?:it|this|that|the)\b",
        r"\bwhere (?:exactly|abouts)\b",
        r"\blocation\b",
        r"\blocated\b",
        r"\bwhat part of (?:town|the city)\b",
        r"\bwhat road\b",
        r"\bcross streets?\b",
        r"\bwhereabouts\b",
        r"\bis this the \w+",
        r"\bwhere is it at\b",
        r"\bwhere\b.*\bat\b\s*$",
    ),
    "postal_code": rx(r"\bzipcode\b", r"\bzip\b", r"\bpostcode\b", r"\bis (?:it|that|this) \d{5}\b"),
    "city": rx(
        r"\bwhat city\b",
        r"\bwhich city\b",
        r"\bwhat town\b",
        r"\bwhich town\b",
        r"\bcity is (?:it|this|that) in\b",
        r"\bactually in\b",
        r"\bin what city\b",
        # "is that in decent shape" / "is it in good condition" ask about its state, not its city.
        r"\bis (?:it|this|that) in (?:the city|(?!(?:decent|good|great|bad|rough|poor|fair|ok|okay|"
        r"move in|livable|working|any|need|the)\b)\w+)(?! (?:shape|condition|repair|order)\b)",
        r"\b(?:this|it|that) is in (?!(?:decent|good|great|bad|rough|poor|fair|ok|okay|need)\b)\w+"
        r"(?! (?:shape|condition|repair|order)\b)",
        r"\bwhat area\b",
    ),
    "year_built": rx(
        r"\bbuilt\b",
        r"\bhow old\b",
        r"\bwhat year\b",
        r"\bwhich year\b",
        r"\bconstructed\b",
        r"\bconstruction\b",
        r"\bage of\b",
        r"\bvintage\b",
        r"\bwhen was (?:it|this|that|the \w+) (?:made|put up|erected)\b",
        r"\bnew build\b",
        r"\bolder\b",
        r"\bwhen (?:was|did|were) .{0,25}\b(?:made|put up|go up|erected|built|constructed|"
        r"finished|completed)\b",
        r"\bis (?:it|this|the \w+) (?:newer|older|new construction|new build)\b|\b(?:18|19)00s\b|"
        r"\b(?:eighteen|nineteen) hundreds\b|\bvictorians?\b.*\b(?:newer|older|from)\b",
    ),
    "property_type": rx(
        r"\bis (?:it|this|that|this one|that one) (?:a|an|actually a|really a) (?:house|condo|"
        r"apartment|townhouse|townhome|single family|duplex|flat|detached|co op|coop|commercial|"
        r"land|lot|studio)\b",
        r"\bwhat (?:kind|type|sort) of (?:property|place|home|building|unit|house|dwelling|"
        r"listing)\b",
        r"\b(?:house|condo|apartment|townhouse|townhome|duplex|single family|land) or (?:a |an |"
        r"is it |just )?(?:house|condo|apartment|townhouse|townhome|co op|coop|duplex|land|"
        r"lot|single family)\b",
        r"\bis there a house on\b",
        r"\bjust land\b",
        r"\bwhat kind of (?:place|home)\b",
        r"\bit is (?:a|an) (?:condo|house|apartment|townhouse|townhome) right\b",
        r"\bsingle family\b",
        r"\bwhat is it exactly\b",
        r"\bdetached\b",
        r"\battached\b",
        r"\bresidential or commercial\b|\bcommercial or residential\b|\bis (?:it|this) (?:zoned "
        r")?residential\b",
        r"^(?:so |oh |ok |and )*(?:it|this|that) is (?:a|an) (?:townhouse|townhome|condo|house|apartment|"
        r"flat|duplex|single family|studio)\b",
    ),
    "listing_type": rx(
        r"\b(?:for )?sale or (?:for )?(?:rent|lease)\b",
        r"\b(?:for )?rent or (?:for )?(?:sale|buy|own)\b",
        r"\bbuy or rent\b",
        r"\brent or buy\b",
        r"\bis (?:it|this|that) (?:a rental|for rent|for sale|for lease|to rent|to buy|"
        r"being sold|being rented)\b",
        r"\bcan (?:i|we) (?:buy|purchase|rent|lease) (?:it|this|that)\b",
        r"\brenting (?:it )?or selling\b",
        r"\bselling or renting\b",
        r"\bis (?:it|this|that|this one|that one|the \w+) (?:a )?rental\b",
        r"\bis (?:it|this|that|this one|that one|the \w+) (?:a rental|for rent|for sale|for lease|to rent|"
        r"to buy|"
        r"to let|for let|being sold|being rented|being let)\b",
        r"\bfor lease or\b",
        r"\bor (?:are )?they selling\b",
        r"\bselling (?:it )?or\b",
        r"\bsale or lease\b",
        r"\blease or (?:sale|buy)\b",
        r"\bcan (?:i|you) buy\b",
        r"\bis (?:it|this|that)(?: one)? (?:for sale|for rent|for lease|up for sale)\b",
        r"\b(?:rent|lease)\b.*\bor\b.*\b(?:sold|buy|sale|purchase|own)\b",
        r"\b(?:sold|buy|sale|purchase)\b.*\bor\b.*\b(?:rent|lease|rented)\b",
        r"\ba rental right\b",
        r"\b(?:to let|for let) or (?:for )?(?:sale|buy)\b|\b(?:for )?sale or (?:to |for )?let\b",
        r"\bis (?:it|this|that|this one|that one) (?:to let|for let|being let)\b",
        r"\b(?:leasing|renting) (?:out )?(?:the \w+|it) or selling\b|\bselling (?:the \w+|it) or (?:leasing|"
        r"renting)\b",
        r"\bis (?:it|this|that|the \w+) one (?:for sale|for rent|to rent|to buy|for lease|a rental)\b",
    ),
    "status": rx(
        r"\bstill (?:available|on the market|for sale|for rent|up|open|listed|there)\b",
        r"\bavailable\b",
        r"\bon the market\b",
        r"\bsold\b",
        r"\bpending\b",
        r"\bunder contract\b",
        r"\btaken\b",
        r"\boff the market\b",
        r"\b(?:been )?rented (?:out|already)\b",
        r"\bis it gone\b",
        r"\bcan (?:i|we) still (?:get|buy|rent|have)\b",
        r"\bstatus\b",
        r"\bstill up for grabs\b",
        r"\banyone (?:living|in) there\b",
        r"\b(?:still )?(?:taking|accepting) (?:applications|offers|showings)\b",
        r"\bstill (?:leasing|renting|selling|open)\b",
        r"\bstill active\b|\bis (?:it|this|that)(?: one)? (?:still )?active\b",
    ),
    "summary": rx(
        r"\btell me (?:(?:more|a|bit|little|everything|some|something|all|"
        r"a lot|what you know) )*about\b",
        r"\bdescribe\b",
        r"\bwhat is (?:it|the place|the house|this place) like\b",
        r"\bmore (?:info|information|details)\b",
        r"\b(?:give|read) me (?:the )?(?:details|rundown|overview|description|"
        r"highlights)\b",
        r"\bwhat can you tell me\b",
        r"\bwhat do you know about\b",
        r"\bthe details\b",
        r"\btell me about (?:it|this|that|the)\b",
        r"\bwhat is (?:it|this) all about\b",
        r"\boverview\b",
        r"\bwhat is special about\b",
        r"\bsell me on\b",
        r"\bwhat is the deal with\b",
        r"\brun ?down\b",
        r"\bquick and dirty\b",
        r"\blow ?down\b",
        r"\bthe scoop\b",
        r"\bthe skinny\b",
        r"\bfill me in\b",
        r"\bwhat is (?:this|it) exactly\b",
        r"\bwhat am i looking at\b",
        r"\bdescription\b",
    ),
}
OUT_OF_SCOPE = rx(
    r"\bweather\b",
    r"\bforecast\b",
    r"\bjoke\b",
    r"\bjokes\b",
    r"\bfunny\b",
    r"\b(?:game|score|scores|playoffs|season|team)\b",
    r"\b(?:texans|cowboys|spurs|rockets|mavs|mavericks|jazz|nuggets|broncos|seahawks|"
    r"astros|rangers|nfl|nba|mlb|nhl|football|baseball|basketball|soccer|hockey)\b",
    r"\bcapital of\b",
    r"\bmath\b",
    r"\bhomework\b",
    r"\bmovie\b",
    r"\bmovies\b",
    r"\bfilm\b",
    r"\bsong\b",
    r"\bpoem\b",
    r"\bstory\b(?! house)",
    r"\bbitcoin\b",
    r"\bcrypto\b",
    r"\bstock market\b",
    r"\bstocks?\b",
    r"\bnews\b",
    r"\belection\b",
    r"\bpresident\b",
    r"\bpolitics\b",
    r"\brecipe\b",
    r"\bhow do (?:you|i) (?:make|cook|bake)\b",
    r"\btamales\b",
    r"\b(?:taco|pizza|burger|coffee|bbq|barbecue|sushi) (?:place|spot|shop|"
    r"joint|restaurant)s?\b",
    r"\brestaurants?\b",
    r"\bwhat model\b",
    r"\bchat ?gpt\b",
    r"\bgpt\b",
    r"\bwhich (?:ai|llm|model)\b",
    r"\bwho (?:made|built|created|programmed) you\b",
    r"\bmeaning of life\b",
    r"\bwhat time is it\b",
    r"\btranslate\b",
    r"\bwrite (?:me )?a\b",
    r"\bsing\b",
    r"\bhoroscope\b",
    r"\blottery\b",
    r"\bwho won\b",
    r"\bcelebrity\b",
    r"\bsuper bowl\b",
    r"\bworld series\b",
    r"\bgoing to (?:rain|snow)\b",
    r"\brain\b",
    r"\bsnow(?:ing)?\b(?! removal)",
    r"\btemperature\b",
    r"\bsunny\b",
    r"\bwin the\b",
    r"\bwho is (?:the )?(?:president|governor|mayor)\b",
    r"\btrivia\b",
    r"\briddle\b",
    r"\bbest (?:\w+ )?(?:food|chicken|bbq|pizza|tacos?|burgers?|coffee|restaurants?|bars?|brunch)\b",
    r"\bwhere (?:to|should i|can i) eat\b",
    r"\bhow (?:do|can|would) (?:i|you) (?:fix|repair|install|unclog|paint)\b",
    r"\b(?:mortgage|interest) rates?\b",
    r"\bchat gpt\b",
    r"\bstock\b",
    r"\b(?:exchange rate|currency|convert (?:dollars|euros|pounds)|stock market|bitcoin)\b",
    r"\b(?:what|which) (?:ai|model|llm|language model|software|program) (?:are you|is this|do you)\b|"
    r"\brunning on\b",
    r"\b(?:are|is) the \w+ playing\b|\bwho won\b|\bthe score\b|\bgame tonight\b|\bplaying tonight\b",
)
GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|"
    r"hey there|hi there|hello there|yeah|yes|hey um|um|so)[\s,?|]*)+(?:there|again|everyone|"
    r"is anyone there|anyone there|is anybody there|is someone there|can you hear me|you there)?\s*[?|]*\s*$"
)
SMALLTALK = re.compile(
    r"^(?:(?:ok|okay|k|cool|great|perfect|nice|awesome|thanks|thank you|thanks so much|"
    r"thank you so much|got it|gotcha|sounds good|that makes sense|makes sense|mm hmm|mhm|"
    r"uh huh|yeah|yes|yep|yup|sure|alright|all right|right|i see|interesting|wow|lol|haha|"
    r"no worries|no problem|sorry|fine|good|that is great|that is good|that is helpful|"
    r"appreciate it|much appreciated|excellent|wonderful|amazing|fantastic|oh nice|nice one|"
    r"understood|noted|hold on|one sec|one second|just a sec|go ahead|please continue|"
    r"continue|ok then|hmm|no|nope|not really|maybe|i guess|true|fair enough|good to know|"
    r"that is cool|that is nice|that is fine|awesome thanks|cool thanks|ok thanks|"
    r"thanks for checking|thanks for that|thank you for that|for checking|that is it)\b"
    r"[\s,|]*)+$"
)
SMALLTALK_STATEMENTS = rx(
    r"\bhow are you\b",
    r"\bhow is it going\b",
    r"\bhow is your day\b",
    r"\bone sec\b",
    r"\bhold on\b",
    r"\bsorry\b.*\b(?:driving|busy|dog|kid|baby|barking|noise|go ahead)\b",
    r"\bgo ahead\s*$",
    r"\bare you (?:a |an )?(?:bot|robot|computer|machine|ai|real|human|"
    r"person|automated)\b",
    r"\bam i talking to (?:a |an )?(?:bot|robot|computer|machine)\b",
    r"\bstill have (?:some |a few |more )?questions\b",
    r"\bdo not say (?:good)?bye\b",
    r"\bdo not (?:hang up|go|leave)\b",
    r"^(?:hang on|wait|one moment|not yet|not done|hold on)(?: a (?:sec|second|minute))?\s*$",
    r"^(?:i am )?not done(?: yet)?\s*$",
    r"\bcan you hear me\b",
    r"\bare you there\b",
    r"\bhow (?:are |is )?(?:you|you all|things|everyone) (?:doing|going|holding up)\b",
    r"\bwhat is up\b",
    r"\bhow have you been\b",
    r"\b(?:you are|you seem) (?:a lot |so |really |very )?(?:nicer|helpful|great|nice|smart|better)\b",
)
CLARIFY = rx(
    r"^(?:and |what about |how about |uh |so )*(?:the )?other (?:one|place|house|listing)\s*"
    r"[?|]*$",
    r"^(?:and |so |uh )*how many\s*[?|]*$",
    r"^(?:and |so )*which one\b",
    r"\b(?:bigger|smaller|cheaper|larger|newer|older|nicer|better|closer|more expensive) "
    r"(?:one|than|[?|]|$)",
    r"\bis it (?:bigger|smaller|cheaper|larger|newer|better|nicer)\b",
    r"\bthe same as (?:the )?(?:last|other|previous)\b",
    r"\bsend (?:it|that|this|them) (?:to me|over)\b",
    r"\bsend it\b",
    r"\bdoes it have one\b",
    r"\bthe one on the corner\b",
    r"\b(?:the )?(?:blue|red|white|green|yellow|brick|big|small|little) (?:house|one|place)\b",
    r"^(?:and |what about |how about )?that one\s*[?|]*$",
    r"\bthe other (?:place|one|house)\b",
    r"\bthe one (?:i|we) (?:saw|looked at|liked|mentioned)\b",
    r"\bthe same one\b",
)
QUESTION = re.compile(
    r"^(?:(?:and|so|also|but|ok|well|then|just|hey|yeah|uh|now|plus|oh|wait|sorry|hi|hello|"
    r"right|alright|yes|no|actually|hang on|hold on|quick question|question)\s+)*"
    r"(?:is|are|does|do|"
    r"did|can|could|would|will|should|what|whats|how|when|where|which|who|whose|why|any|has|"
    r"have|tell|explain|i was wondering|wondering|i want to know|i would like to know|"
    r"curious|may i|might|was|were|am i|shall)\b|[?]"
)
