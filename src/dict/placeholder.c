/* placeholder */ typedef int dyad_dict_placeholder;
