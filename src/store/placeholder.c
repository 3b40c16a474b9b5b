/* placeholder */ typedef int dyad_store_placeholder;
