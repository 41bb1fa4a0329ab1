"""Official table layouts (Permendagri 86/2017). One module per table; one registry here."""

from xl_renja.layouts import definisi, tc29, tc30, tc31, tc33, triwulan

#: Every layout xl_renja recognises, in the order they are tried. The ids are contracts.
ALL_LAYOUTS = (
    triwulan.LAYOUT,
    tc29.LAYOUT,
    tc31.LAYOUT,
    tc30.LAYOUT,
    definisi.LAYOUT,
    tc33.LAYOUT,
)

LAYOUT_IDS = tuple(layout.id for layout in ALL_LAYOUTS)
