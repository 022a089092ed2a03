"""The portal (``autokpi serve``): each person signs in and sees their own pay, read from
the published snapshot of the marts; heads see their department, finance everything."""
