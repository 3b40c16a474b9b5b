/* placeholder */ typedef int dyad_export_placeholder;
