"""Optional links to the learning platforms programmes already run (Moodle, Canvas, LTI) and
verifiable credentials: gradebook files, grade push, Open Badges 3.0, question banks.

Every piece works offline; the signing pieces need the ``lms`` extra (PyJWT, cryptography, segno).
"""
