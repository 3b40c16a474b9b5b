/* placeholder */ typedef int dyad_events_placeholder;
