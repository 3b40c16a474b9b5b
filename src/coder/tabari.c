/*
** tabari.c: TABARI 0.8's coding rules (to be written: see the conformance work).
*/
#include "coder/coder_private.h"

int tabari_code_sentence(coder *c)
{
    (void)c;
    return 0;
}
