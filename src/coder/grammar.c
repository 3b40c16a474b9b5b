/*
** grammar.c: the closed-class word lists behind grammar.h.
**
** Each list is a class and its words, upper case (the folded form of text).  A
** word may be in several lists ("that" is a determiner and a relative pronoun,
** "as" a subordinator).  The lists are deliberately small and general: they
** describe English, not any corpus.
*/
#include "coder/grammar.h"

#include <stdlib.h>
#include <string.h>

typedef struct word_list {
    uint64_t cls;
    const char *const *words;
} word_list;

static const char *const determiners[] = {
    "THE", "A", "AN", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR", "THIS", "THAT",
    "THESE", "THOSE", "SOME", "ANY", "EACH", "EVERY", "SEVERAL", "MANY", "OTHER", "ANOTHER",
    "BOTH", "ALL", "MOST", "FEW", "NO", "SUCH", "WHOSE", NULL};
static const char *const pron_subj[] = {"HE", "SHE", "IT", "THEY", "WE", "I", "YOU", NULL};
static const char *const pron_obj[] = {"HIM", "HER", "THEM", "IT", "US", "ME", NULL};
static const char *const plural_pron[] = {"THEY", "THEM", "THEIR", "BOTH", NULL};
static const char *const be_forms[] = {"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING",
                                       "AM", "'RE", "ISN'T", "AREN'T", "WASN'T", "WEREN'T", NULL};
static const char *const have_forms[] = {"HAS", "HAVE", "HAD", "HAVING", "'VE", "HASN'T",
                                         "HAVEN'T", "HADN'T", NULL};
static const char *const do_forms[] = {"DO", "DOES", "DID", "DON'T", "DOESN'T", "DIDN'T", NULL};
static const char *const future[] = {"WILL", "SHALL", "'LL", "WON'T", "SHAN'T", NULL};
static const char *const would[] = {"WOULD", "WOULDN'T", "'D", NULL};
static const char *const speculate[] = {
    "MAY", "MIGHT", "COULD", "CAN", "SHOULD", "MUST", "OUGHT", "LIKELY", "POSSIBLY",
    "PERHAPS", "PROBABLY", "MAYBE", "UNLIKELY", "COULDN'T", "CAN'T", "CANNOT", "SHOULDN'T",
    "MUSTN'T", "MIGHTN'T", NULL};
static const char *const negation[] = {
    "NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR", "DIDN'T", "DOESN'T", "DON'T", "WON'T",
    "WOULDN'T", "CAN'T", "CANNOT", "ISN'T", "AREN'T", "WASN'T", "WEREN'T", "HASN'T",
    "HAVEN'T", "HADN'T", "COULDN'T", "SHOULDN'T", "SHAN'T", "MUSTN'T", "NOWHERE", NULL};
static const char *const prepositions[] = {
    "OF", "IN", "AT", "ON", "TO", "WITH", "AGAINST", "BY", "FROM", "FOR", "INTO", "ONTO",
    "OVER", "UNDER", "BETWEEN", "AMONG", "AMONGST", "AMID", "AMIDST", "DURING", "NEAR",
    "OUTSIDE", "INSIDE", "ACROSS", "THROUGH", "THROUGHOUT", "TOWARD", "TOWARDS", "ABOUT",
    "AROUND", "WITHIN", "WITHOUT", "VIA", "DESPITE", "UPON", "BEHIND", "BEYOND", "ALONG",
    "OFF", "LIKE", "UNLIKE", "ABOARD", "ALONGSIDE", "BESIDE", "BESIDES", "EXCEPT", "PER",
    "REGARDING", "CONCERNING", "NEAR", "NEARBY", "ATOP", "BELOW", "ABOVE", "BENEATH", NULL};
static const char *const place_preps[] = {
    "IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "THROUGHOUT", "AROUND", "WITHIN",
    "ALONG", "ABOARD", "BESIDE", "NEARBY", "ATOP", "BELOW", "ABOVE", "BENEATH", "BEHIND",
    "BEYOND", NULL};
static const char *const coord[] = {"AND", "OR", "BUT", "NOR", "YET", NULL};
static const char *const subord[] = {
    "AFTER", "BEFORE", "WHILE", "AS", "WHEN", "WHENEVER", "BECAUSE", "ALTHOUGH", "THOUGH",
    "SINCE", "IF", "UNLESS", "UNTIL", "TILL", "WHEREAS", "ONCE", "WHERE", "AMID", "DESPITE",
    "WHETHER", "THAN", NULL};
static const char *const relatives[] = {"WHO", "WHICH", "THAT", "WHOSE", "WHOM", NULL};
static const char *const report[] = {
    "SAID", "SAYS", "SAY", "SAYING", "TOLD", "TELLS", "TELL", "TELLING", "ADDED", "ADDS",
    "STATED", "STATES", "ACCORDING", "QUOTED", "QUOTING", "REPORTED", "REPORTS", "CLAIMED",
    "CLAIMS", "INSISTED", "INSISTS", "NOTED", "NOTES", "EXPLAINED", "WROTE", "WRITES",
    "DECLARED", "DECLARES", "REMARKED", "REVEALED", NULL};
static const char *const intent[] = {
    "PLAN", "PLANS", "PLANNED", "PLANNING", "INTEND", "INTENDS", "INTENDED", "AIM", "AIMS",
    "AIMED", "VOW", "VOWS", "VOWED", "PLEDGE", "PLEDGES", "PLEDGED", "PROMISE", "PROMISES",
    "PROMISED", "DECIDE", "DECIDES", "DECIDED", "WANT", "WANTS", "WANTED", "HOPE", "HOPES",
    "HOPED", "PREPARE", "PREPARES", "PREPARED", "READY", "WILLING", "SEEK", "SEEKS", "SOUGHT",
    "SEEKING", "OFFER", "OFFERS", "OFFERED", "AGREE", "AGREES", "AGREED", "ANNOUNCED",
    "EXPECTS", "EXPECT", "RESOLVED", "DETERMINED", "EAGER", "WISH", "WISHES", "WISHED",
    "MOVE", "MOVES",
    "MOVED", "MOVING", "SCHEDULED", "SLATED", "PLANNING", "PREPARING", "HOPING", "AIMING",
    "INTENDING", "WANTING", "VOWING", "PLEDGING", "PROMISING", "DECIDING", "THREATENING",
    "OFFERING", "EXPECTING", "LOOKING", "LOOKS", "LOOKED", "NEED", "NEEDS", "NEEDED", NULL};
static const char *const aspect[] = {
    "BEGAN", "BEGIN", "BEGINS", "BEGUN", "BEGINNING", "START", "STARTS", "STARTED", "STARTING",
    "CONTINUE", "CONTINUES", "CONTINUED", "CONTINUING", "RESUME", "RESUMES", "RESUMED",
    "MANAGED", "MANAGE", "MANAGES", "HELPED", "HELP", "HELPS", "HELPING", "WENT", "GO", "GOES",
    "KEEP", "KEEPS", "KEPT", "TRY", "TRIES", "TRIED", "TRYING", "ATTEMPT", "ATTEMPTS",
    "ATTEMPTED", "ATTEMPTING", NULL};
static const char *const fail[] = {"FAILED", "FAIL", "FAILS", "FAILING", NULL};
static const char *const light[] = {
    "HOLD", "HOLDS", "HELD", "HOLDING", "MAKE", "MAKES", "MADE", "MAKING", "LAUNCH", "LAUNCHES",
    "LAUNCHED", "LAUNCHING", "CONDUCT", "CONDUCTS", "CONDUCTED", "CONDUCTING", "STAGE",
    "STAGES", "STAGED", "STAGING", "CARRY", "CARRIES", "CARRIED", "CARRYING", "BEGAN", "BEGIN",
    "BEGINS", "BEGUN", "START", "STARTS", "STARTED", "PAY", "PAYS", "PAID", "PAYING", "MOUNT",
    "MOUNTS", "MOUNTED", "RESUME", "RESUMES", "RESUMED", "CONTINUE", "CONTINUES", "CONTINUED",
    "OPEN", "OPENS", "OPENED", "ATTEND", "ATTENDS", "ATTENDED", "JOIN", "JOINS", "JOINED",
    "UNDERTAKE", "UNDERTOOK", "UNDERTAKEN", "EMBARK", "EMBARKED", "EMBARKS", "HAVE", "HAS",
    "HAD", "GIVE", "GAVE", "GIVEN", "GIVES", "ISSUE", "ISSUED", "ISSUES", "PERFORM",
    "PERFORMED", "COMPLETE", "COMPLETED", "COMPLETES", "RENEW", "RENEWED", "RENEWS",
    "INTENSIFY", "INTENSIFIED", "STEP", "STEPPED", "EXTEND", "EXTENDED", "HAND", "HANDS",
    "HANDED", "HANDING", "SEND", "SENDS", "SENT", "SENDING", "PROVIDE", "PROVIDES", "PROVIDED",
    "PROVIDING", "DELIVER", "DELIVERS", "DELIVERED", "DISPATCH", "DISPATCHED", "SHIP",
    "SHIPPED", "GRANT", "GRANTED", "GRANTS", "OBSERVE", "OBSERVED", "OBSERVES", "OBSERVING",
    "STEPPED", "MOUNTING", NULL};
static const char *const victim[] = {
    "SURVIVE", "SURVIVED", "SURVIVES", "SURVIVING", "ESCAPE", "ESCAPED", "ESCAPES",
    "ESCAPING", "EVADE", "EVADED", "EVADES", "SUFFER", "SUFFERED", "SUFFERS", "WITHSTOOD",
    "WITHSTAND", "REPELLED", "REPULSED", "FOILED", "THWARTED", NULL};
static const char *const want[] = {"WANT", "WANTS", "WANTED", "WANTING", NULL};
static const char *const sport[] = {
    "MATCH", "MATCHES", "GOAL", "GOALS", "TOURNAMENT", "TOURNAMENTS", "CHAMPIONSHIP",
    "CHAMPIONSHIPS", "CHAMPION", "CHAMPIONS", "LEAGUE", "CUP", "FRIENDLY", "QUALIFIER",
    "QUALIFIERS", "QUALIFYING", "SEMIFINAL", "SEMIFINALS", "SEMI-FINAL", "QUARTERFINAL",
    "QUARTERFINALS", "QUARTER-FINAL", "FINALS", "STRIKER", "STRIKERS", "MIDFIELDER", "DEFENDER",
    "GOALKEEPER", "COACH", "COACHES", "MANAGER", "STADIUM", "SOCCER", "FOOTBALL", "RUGBY",
    "CRICKET", "TENNIS", "GOLF", "BOXING", "HEAVYWEIGHT", "OLYMPIC", "OLYMPICS", "ATHLETE",
    "ATHLETES", "MEDAL", "MEDALS", "TEAM", "TEAMS", "SQUAD", "PLAYER", "PLAYERS", "INNINGS",
    "WICKET", "WICKETS", "TEST", "SERIES", "RACE", "RACES", "GRAND", "PRIX", "SEASON",
    "SCORED", "SCORE", "SCORES", "SCORING", "WIN", "WINS", "VICTORY", "DEFEAT", "DRAW",
    "TITLE", "FANS", "CLUB", "CLUBS", "NBA", "NFL", "FIFA", "UEFA", "UNDER-PAR", "BIRDIE",
    "BIRDIES", "PUTT", "SPRINT", "MARATHON", "SKIPPER", "CAPTAIN", "BATSMAN", "BOWLER",
    "PITCH", "TOUR", "OPEN", "RANKING", "RANKINGS", "SEEDED", NULL};
static const char *const partitive[] = {
    "THOUSANDS", "HUNDREDS", "DOZENS", "SCORES", "MILLIONS", "SOME", "MANY", "MOST", "ALL",
    "SEVERAL", "MEMBERS", "MEMBER", "GROUPS", "CROWDS", "UNITS", "UNIT", "ONE", "TWO", "THREE",
    "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "NONE", "EACH", "BOTH", "LEADERS",
    "REPRESENTATIVES", "DELEGATES", "SQUADRON", "BATTALION", "BATTALIONS", "CONTINGENT",
    "TEAM", "TEAMS", NULL};
static const char *const expect[] = {"EXPECTED", "POISED", "SET", "LIKELY", "DUE",
                                     "SUPPOSED", "BOUND", "UNLIKELY", NULL};
static const char *const time_words[] = {
    "TODAY", "YESTERDAY", "TOMORROW", "TONIGHT", "MONDAY", "TUESDAY", "WEDNESDAY",
    "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY", "MARCH", "APRIL",
    "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "JAN.",
    "FEB.", "MAR.", "APR.", "JUN.", "JUL.", "AUG.", "SEP.", "SEPT.", "OCT.", "NOV.", "DEC.",
    "LAST", "NEXT", "AGO", "EARLIER", "LATER", "RECENTLY", "WEEK", "WEEKS", "MONTH",
    "MONTHS", "YEAR", "YEARS", "DAY", "DAYS", "MORNING", "AFTERNOON", "EVENING", "NIGHT",
    "OVERNIGHT", "WEEKEND", "DECADE", "DECADES", "CENTURY", NULL};
static const char *const numbers[] = {
    "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN",
    "TWELVE", "DOZEN", "DOZENS", "SCORES", "HUNDRED", "HUNDREDS", "THOUSAND", "THOUSANDS",
    "MILLION", "MILLIONS", "SOME", "SEVERAL", "NUMEROUS", NULL};
static const char *const adverbs[] = {
    "ALSO", "ALREADY", "STILL", "AGAIN", "JOINTLY", "REPORTEDLY", "ALLEGEDLY", "FORMALLY",
    "OFFICIALLY", "FINALLY", "REPEATEDLY", "FIRMLY", "STRONGLY", "SHARPLY", "PUBLICLY",
    "SECRETLY", "BRIEFLY", "JUST", "EVEN", "ONLY", "NOW", "THEN", "RECENTLY", "REPORTEDLY",
    "QUICKLY", "IMMEDIATELY", "FURTHER", "TODAY", "YESTERDAY", "HEAVILY", "FIERCELY",
    "BITTERLY", "DIRECTLY", "PERSONALLY", "UNILATERALLY", "SUCCESSFULLY", "REPORTEDLY",
    "REPORTEDLY", "FRIDAY", "ALMOST", "NEARLY", "REALLY", "ACTUALLY", "FIRST", "LATE",
    "EARLY", "SOON", "SUDDENLY", "SWIFTLY", "TENTATIVELY", "UNANIMOUSLY", "WIDELY", NULL};
static const char *const common_verbs[] = {
    "IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "BECAME", "BECOME", "BECOMES",
    "MADE", "MAKES", "TOOK", "TAKES", "WENT", "GOES", "BEGAN", "BEGINS", "CONTINUED",
    "CONTINUES", "REMAINS", "REMAINED", "SEEMS", "SEEMED", "APPEARED", "APPEARS",
    "INCLUDED", "INCLUDES", "INCLUDING", "KILLING", "LEAVING", "GOT", "GETS", "CAME",
    "COMES", "KEPT", "KEEPS", "SAW", "SEES", "FACED", "FACES", "WANTED", "WANTS", "NEEDS",
    "NEEDED", "KNOWN", "LED", "LEADS", "HELD", "HOLDS", NULL};
static const char *const speech_nouns[] = {"STATEMENT", "SPOKESMAN", "SPOKESWOMAN",
                                           "SPOKESPERSON", "ANNOUNCEMENT", NULL};

#define ONE(cls, w) static const char *const cls##_words[] = {w, NULL}
ONE(to, "TO");
ONE(by, "BY");
ONE(of, "OF");
ONE(with, "WITH");
static const char *const possessive[] = {"'S", "'", NULL};
static const char *const between[] = {"BETWEEN", "AMONG", "AMONGST", NULL};
static const char *const and_words[] = {"AND", "&", NULL};

static const word_list lists[] = {
    {G_DET, determiners},       {G_PRON_SUBJ, pron_subj},    {G_PRON_OBJ, pron_obj},
    {G_PLURAL_PRON, plural_pron}, {G_BE, be_forms},          {G_HAVE, have_forms},
    {G_DO, do_forms},           {G_FUTURE, future},          {G_WOULD, would},
    {G_SPECULATE, speculate},   {G_NEGATION, negation},      {G_PREP, prepositions},
    {G_PLACE_PREP, place_preps}, {G_COORD, coord},           {G_SUBORD, subord},
    {G_RELATIVE, relatives},    {G_REPORT, report},          {G_INTENT, intent},
    {G_EXPECT, expect},         {G_TIME, time_words},        {G_NUMBER, numbers},
    {G_ADVERB, adverbs},        {G_COMMON_VERB, common_verbs}, {G_SPEECH_NOUN, speech_nouns},
    {G_TO, to_words},           {G_BY, by_words},            {G_OF, of_words},
    {G_WITH, with_words},       {G_POSSESSIVE, possessive},  {G_BETWEEN, between},
    {G_AND, and_words},         {G_ASPECT, aspect},          {G_FAIL, fail},
    {G_LIGHT, light},           {G_PARTITIVE, partitive},    {G_VICTIM, victim},
    {G_WANT, want},             {G_SPORT, sport},
};

int grammar_register(dict_builder *b)
{
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l].words; *w; w++)
            if (dict_builder_word(b, *w) == WORD_NONE)
                return -1;
    return 0;
}

grammar_model *grammar_model_new(const dict_set *d)
{
    grammar_model *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    const wordtab *wt = dict_words(d);
    g->dict = d;
    g->n_words = wordtab_count(wt);
    g->word_class = calloc(g->n_words, sizeof(uint64_t));
    if (!g->word_class) {
        free(g);
        return NULL;
    }
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l].words; *w; w++) {
            word_id id = wordtab_lookup(wt, *w, strlen(*w));
            if (id != WORD_NONE && id < g->n_words)
                g->word_class[id] |= lists[l].cls;
        }
    return g;
}

void grammar_model_free(grammar_model *g)
{
    if (!g)
        return;
    free(g->word_class);
    free(g);
}

word_id grammar_word(const grammar_model *g, const char *word)
{
    return wordtab_lookup(dict_words(g->dict), word, strlen(word));
}
