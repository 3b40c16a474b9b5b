/* placeholder */ typedef int dyad_coder_placeholder;
