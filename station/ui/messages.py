"""What the core says, in the officer's language.

The core's check results and errors carry English sentences with their figures. Here each known
sentence is matched and re-said through Qt's translations (context ``Messages``) with the same
figures; a sentence not known here is shown as the core wrote it. Nothing is decided here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from station.core.checks import CheckResult
from station.core.models import DocumentKind
from station.core.visit import Step
from station.errors import StationError
from station.ui.visit.steps import document_title, step_title

_N = r"([\d.,]+)"
_ANY = r"(.+?)"

# (the core's sentence as a pattern, the translatable sentence with %1.. for the captured figures)
_KNOWN: list[tuple[str, str]] = [
    # id_number.*
    (rf"The ID number has {_N} characters; it must have 18\.",
     QT_TRANSLATE_NOOP("Messages", "The ID number has %1 characters; it must have 18.")),
    (r"The ID number must be 17 digits followed by a digit or X\.",
     QT_TRANSLATE_NOOP("Messages", "The ID number must be 17 digits followed by a digit or X.")),
    (r"The ID number has 17 digits and a check character\.",
     QT_TRANSLATE_NOOP("Messages", "The ID number has 17 digits and a check character.")),
    (r"The last character does not match the others: a character is probably misread\.",
     QT_TRANSLATE_NOOP("Messages", "The last character does not match the others: a character is probably "
                                   "misread.")),
    (r"The check character matches the other 17\.",
     QT_TRANSLATE_NOOP("Messages", "The check character matches the other 17.")),
    (r"The birth date in the ID number is not a real date\.",
     QT_TRANSLATE_NOOP("Messages", "The birth date in the ID number is not a real date.")),
    (r"The birth date in the ID number is before 1900\.",
     QT_TRANSLATE_NOOP("Messages", "The birth date in the ID number is before 1900.")),
    (r"The birth date in the ID number is in the future\.",
     QT_TRANSLATE_NOOP("Messages", "The birth date in the ID number is in the future.")),
    (r"The birth date in the ID number is a real date\.",
     QT_TRANSLATE_NOOP("Messages", "The birth date in the ID number is a real date.")),
    (r"The address code is not in the reference table; check it against the card\.",
     QT_TRANSLATE_NOOP("Messages", "The address code is not in the reference table; check it against the card.")),
    (rf"The address code belongs to {_ANY} \(a retired code, still valid on older numbers\)\.",
     QT_TRANSLATE_NOOP("Messages", "The address code belongs to %1 (a retired code, still valid on older "
                                   "numbers).")),
    (rf"The address code belongs to {_ANY}\.",
     QT_TRANSLATE_NOOP("Messages", "The address code belongs to %1.")),
    # card.*, holder.*
    (r"The printed birth date differs from the one in the ID number\.",
     QT_TRANSLATE_NOOP("Messages", "The printed birth date differs from the one in the ID number.")),
    (r"The printed birth date matches the ID number\.",
     QT_TRANSLATE_NOOP("Messages", "The printed birth date matches the ID number.")),
    (r"The printed sex differs from the one the ID number encodes\.",
     QT_TRANSLATE_NOOP("Messages", "The printed sex differs from the one the ID number encodes.")),
    (r"The printed sex matches the ID number\.",
     QT_TRANSLATE_NOOP("Messages", "The printed sex matches the ID number.")),
    (rf"The address is in {_ANY}, as the ID number's address code says\.",
     QT_TRANSLATE_NOOP("Messages", "The address is in %1, as the ID number's address code says.")),
    (rf"The address is not in {_ANY}, where the ID number was issued; the holder may have moved\.",
     QT_TRANSLATE_NOOP("Messages", "The address is not in %1, where the ID number was issued; the holder may "
                                   "have moved.")),
    (rf"The validity period does not fit the holder's age at issue \({_N}\): expected {_ANY}, found {_ANY}\.",
     QT_TRANSLATE_NOOP("Messages", "The validity period does not fit the holder's age at issue (%1): expected "
                                   "%2, found %3.")),
    (rf"The validity period fits the holder's age at issue \({_N}\)\.",
     QT_TRANSLATE_NOOP("Messages", "The validity period fits the holder's age at issue (%1).")),
    (r"The card's validity has not begun yet; check the issue date\.",
     QT_TRANSLATE_NOOP("Messages", "The card's validity has not begun yet; check the issue date.")),
    (r"The card's validity has begun\.", QT_TRANSLATE_NOOP("Messages", "The card's validity has begun.")),
    (r"The card is valid without time limit \(长期\)\.",
     QT_TRANSLATE_NOOP("Messages", "The card is valid without time limit (长期).")),
    (r"The card has expired; the holder needs a new or temporary card\.",
     QT_TRANSLATE_NOOP("Messages", "The card has expired; the holder needs a new or temporary card.")),
    (r"The card has not expired\.", QT_TRANSLATE_NOOP("Messages", "The card has not expired.")),
    (rf"The holder is {_N}, under the minimum age of {_N}\.",
     QT_TRANSLATE_NOOP("Messages", "The holder is %1, under the minimum age of %2.")),
    (rf"The holder is {_N}, at least the minimum age of {_N}\.",
     QT_TRANSLATE_NOOP("Messages", "The holder is %1, at least the minimum age of %2.")),
    (rf"{_N} years", QT_TRANSLATE_NOOP("Messages", "%1 years")),
    (r"a period that is not a whole number of years",
     QT_TRANSLATE_NOOP("Messages", "a period that is not a whole number of years")),
    # face.*
    (rf"The live face matches the card photo \(distance {_N} within threshold {_N}\)\.",
     QT_TRANSLATE_NOOP("Messages", "The live face matches the card photo (distance %1 within threshold %2).")),
    (rf"The live face does not match the card photo \(distance {_N} over threshold {_N}\)\. Check the person "
     r"against the card yourself, or retake\.",
     QT_TRANSLATE_NOOP("Messages", "The live face does not match the card photo (distance %1 over threshold "
                                   "%2). Check the person against the card yourself, or retake.")),
    (rf"No decision could be made: {_ANY}$", QT_TRANSLATE_NOOP("Messages", "No decision could be made: %1")),
    (r"The liveness challenge was passed\.", QT_TRANSLATE_NOOP("Messages", "The liveness challenge was passed.")),
    (r"The liveness challenge was not passed: repeat it, or confirm in person that a live person is present\.",
     QT_TRANSLATE_NOOP("Messages", "The liveness challenge was not passed: repeat it, or confirm in person "
                                   "that a live person is present.")),
    # account.*
    (r"The mobile number is valid\.", QT_TRANSLATE_NOOP("Messages", "The mobile number is valid.")),
    (r"Enter an 11-digit mainland mobile number starting with 1\.",
     QT_TRANSLATE_NOOP("Messages", "Enter an 11-digit mainland mobile number starting with 1.")),
    (r"An address is given\.", QT_TRANSLATE_NOOP("Messages", "An address is given.")),
    (r"Enter the address where the customer lives\.",
     QT_TRANSLATE_NOOP("Messages", "Enter the address where the customer lives.")),
    (r"A product is chosen\.", QT_TRANSLATE_NOOP("Messages", "A product is chosen.")),
    (r"Choose the account product\.", QT_TRANSLATE_NOOP("Messages", "Choose the account product.")),
    # loan.*
    (r"The amount is within the product's range\.",
     QT_TRANSLATE_NOOP("Messages", "The amount is within the product's range.")),
    (rf"The amount must be between {_N} and {_N} CNY\.",
     QT_TRANSLATE_NOOP("Messages", "The amount must be between %1 and %2 CNY.")),
    (r"The term is allowed\.", QT_TRANSLATE_NOOP("Messages", "The term is allowed.")),
    (rf"The term must be 1 to {_N} months\.", QT_TRANSLATE_NOOP("Messages", "The term must be 1 to %1 months.")),
    (r"The rate is within the product's range\.",
     QT_TRANSLATE_NOOP("Messages", "The rate is within the product's range.")),
    (rf"The yearly rate must be between {_N} % and {_N} %\.",
     QT_TRANSLATE_NOOP("Messages", "The yearly rate must be between %1 % and %2 %.")),
    (r"The borrower is not on the dishonest-persons list\.",
     QT_TRANSLATE_NOOP("Messages", "The borrower is not on the dishonest-persons list.")),
    (r"The borrower is on the dishonest-persons \(失信被执行人\) list: no loan can be granted\.",
     QT_TRANSLATE_NOOP("Messages", "The borrower is on the dishonest-persons (失信被执行人) list: no loan can "
                                   "be granted.")),
    (rf"The APR {_N} % is worked out and shown\.",
     QT_TRANSLATE_NOOP("Messages", "The APR %1 % is worked out and shown.")),
    (r"The APR shown is below the nominal rate: recompute the quote\.",
     QT_TRANSLATE_NOOP("Messages", "The APR shown is below the nominal rate: recompute the quote.")),
    (r"The amount is within the pre-approved line\.",
     QT_TRANSLATE_NOOP("Messages", "The amount is within the pre-approved line.")),
    (rf"The amount is over the pre-approved line of {_N} CNY\.",
     QT_TRANSLATE_NOOP("Messages", "The amount is over the pre-approved line of %1 CNY.")),
    # documents.*, signature.*
    (r"All four documents are there\.", QT_TRANSLATE_NOOP("Messages", "All four documents are there.")),
    (rf"Documents missing: {_ANY}\. Generate them again\.",
     QT_TRANSLATE_NOOP("Messages", "Documents missing: %1. Generate them again.")),
    (rf"Documents without a fingerprint: {_ANY}\.",
     QT_TRANSLATE_NOOP("Messages", "Documents without a fingerprint: %1.")),
    (r"The signature pad is empty: the borrower must sign before anything is signed\.",
     QT_TRANSLATE_NOOP("Messages", "The signature pad is empty: the borrower must sign before anything is "
                                   "signed.")),
    (r"The borrower's handwriting is captured\.",
     QT_TRANSLATE_NOOP("Messages", "The borrower's handwriting is captured.")),
    (r"Every document is signed\.", QT_TRANSLATE_NOOP("Messages", "Every document is signed.")),
    (rf"Not signed: {_ANY}\.", QT_TRANSLATE_NOOP("Messages", "Not signed: %1.")),
    (r"Every signature carries a trusted timestamp\.",
     QT_TRANSLATE_NOOP("Messages", "Every signature carries a trusted timestamp.")),
    (r"Some signatures have no timestamp yet; they are queued for upgrade when the timestamp service is "
     r"reachable\.",
     QT_TRANSLATE_NOOP("Messages", "Some signatures have no timestamp yet; they are queued for upgrade when the "
                                   "timestamp service is reachable.")),
    # the card reader: capture gates, auto-capture, OCR
    (r"No card was found in the picture: lay the card flat on a plain, darker surface and fill most of the "
     r"picture with it\.",
     QT_TRANSLATE_NOOP("Messages", "No card was found in the picture: lay the card flat on a plain, darker surface "
                                   "and fill most of the picture with it.")),
    (rf"The card was found \({_ANY}\)\.", QT_TRANSLATE_NOOP("Messages", "The card was found.")),
    (rf"The card is too small in the picture \({_N} pixels across\): move closer so that it fills most of the "
     r"picture\.",
     QT_TRANSLATE_NOOP("Messages", "The card is too small in the picture (%1 pixels across): move closer so that it "
                                   "fills most of the picture.")),
    (r"Part of the card is outside the picture: move back so that all four corners show\.",
     QT_TRANSLATE_NOOP("Messages", "Part of the card is outside the picture: move back so that all four corners "
                                   "show.")),
    (rf"The picture is blurred \(sharpness {_N}, at least {_N} needed\): hold the camera still and let it "
     r"focus\.",
     QT_TRANSLATE_NOOP("Messages", "The picture is blurred (sharpness %1, at least %2 needed): hold the camera still "
                                   "and let it focus.")),
    (rf"A reflection washes out {_N}% of the card: tilt the card or move away from the light\.",
     QT_TRANSLATE_NOOP("Messages", "A reflection washes out %1% of the card: tilt the card or move away from the "
                                   "light.")),
    (rf"The picture is too dark \(brightness {_N} of 255\): add light or move to a window\.",
     QT_TRANSLATE_NOOP("Messages", "The picture is too dark (brightness %1 of 255): add light or move to a "
                                   "window.")),
    (r"The image is greyscale: it may be a photocopy\. Scan or photograph the original card in colour\.",
     QT_TRANSLATE_NOOP("Messages", "The image is greyscale: it may be a photocopy. Scan or photograph the original "
                                   "card in colour.")),
    (rf"The card shows no colour \(colourfulness {_N}\): it looks like a photocopy\. Use the original card\.",
     QT_TRANSLATE_NOOP("Messages", "The card shows no colour (colourfulness %1): it looks like a photocopy. Use the "
                                   "original card.")),
    (r"Hold still…", QT_TRANSLATE_NOOP("Messages", "Hold still…")),
    (r"Captured\.", QT_TRANSLATE_NOOP("Messages", "Captured.")),
    (rf"Could not read the {_ANY} on the {_ANY}; take the picture again\.",
     QT_TRANSLATE_NOOP("Messages", "Could not read the %1 on the %2; take the picture again.")),
    (rf"Compare with the card: the {_ANY} may be misread \(highlighted\)\.",
     QT_TRANSLATE_NOOP("Messages", "Compare with the card: the %1 may be misread (highlighted).")),
    (rf"Every field on the {_ANY} was read with confidence\.",
     QT_TRANSLATE_NOOP("Messages", "Every field on the %1 was read with confidence.")),
    (rf"The {_ANY} of the card has not been read yet; take a picture of it\.",
     QT_TRANSLATE_NOOP("Messages", "The %1 of the card has not been read yet; take a picture of it.")),
    (rf"The {_ANY} of the card has not been read; take a picture of it\.",
     QT_TRANSLATE_NOOP("Messages", "The %1 of the card has not been read yet; take a picture of it.")),
    (rf"Some fields could not be read \({_ANY}\); take the picture again\.",
     QT_TRANSLATE_NOOP("Messages", "Some fields could not be read (%1); take the picture again.")),
    (rf"Two images show the {_ANY}; take one of each side\.",
     QT_TRANSLATE_NOOP("Messages", "Two images show the %1; take one of each side.")),
    (rf"This is {_ANY}, not a resident ID card \(居民身份证\): use the holder's ID card\.",
     QT_TRANSLATE_NOOP("Messages", "This is %1, not a resident ID card (居民身份证): use the holder's ID card.")),
    (r"No resident ID card text was read: make sure the whole card is in the picture, sharp and well lit, or "
     r"check that it is a resident ID card\.",
     QT_TRANSLATE_NOOP("Messages", "No resident ID card text was read: make sure the whole card is in the picture, "
                                   "sharp and well lit, or check that it is a resident ID card.")),
    (r"name \(姓名\)", QT_TRANSLATE_NOOP("Messages", "name (姓名)")),
    (r"sex \(性别\)", QT_TRANSLATE_NOOP("Messages", "sex (性别)")),
    (r"ethnic group \(民族\)", QT_TRANSLATE_NOOP("Messages", "ethnic group (民族)")),
    (r"birth date \(出生\)", QT_TRANSLATE_NOOP("Messages", "birth date (出生)")),
    (r"address \(住址\)", QT_TRANSLATE_NOOP("Messages", "address (住址)")),
    (r"ID number \(公民身份号码\)", QT_TRANSLATE_NOOP("Messages", "ID number (公民身份号码)")),
    (r"issuing authority \(签发机关\)", QT_TRANSLATE_NOOP("Messages", "issuing authority (签发机关)")),
    (r"validity start \(有效期限\)", QT_TRANSLATE_NOOP("Messages", "validity start (有效期限)")),
    (r"validity end \(有效期限\)", QT_TRANSLATE_NOOP("Messages", "validity end (有效期限)")),
    (r"front", QT_TRANSLATE_NOOP("Messages", "front")),
    (r"back", QT_TRANSLATE_NOOP("Messages", "back")),
    # the face engine: prompts, quality of the picture, liveness, the match
    (r"Look straight at the camera\.", QT_TRANSLATE_NOOP("Messages", "Look straight at the camera.")),
    (r"Blink once, slowly\.", QT_TRANSLATE_NOOP("Messages", "Blink once, slowly.")),
    (r"Turn your head slowly to your left, then back\.",
     QT_TRANSLATE_NOOP("Messages", "Turn your head slowly to your left, then back.")),
    (r"Turn your head slowly to your right, then back\.",
     QT_TRANSLATE_NOOP("Messages", "Turn your head slowly to your right, then back.")),
    (r"No face found: look straight at the camera, in good light\.",
     QT_TRANSLATE_NOOP("Messages", "No face found: look straight at the camera, in good light.")),
    (rf"{_N} faces in the picture: only the customer may be in view\.",
     QT_TRANSLATE_NOOP("Messages", "%1 faces in the picture: only the customer may be in view.")),
    (rf"The face is too small \({_N} px wide, needs {_N}\): come closer to the camera\.",
     QT_TRANSLATE_NOOP("Messages", "The face is too small (%1 px wide, needs %2): come closer to the camera.")),
    (r"The face is cut by the edge of the picture: move into the middle of the view\.",
     QT_TRANSLATE_NOOP("Messages", "The face is cut by the edge of the picture: move into the middle of the view.")),
    (rf"Look straight at the camera and keep the head level \(turn {_ANY}, tilt {_ANY} deg\)\.",
     QT_TRANSLATE_NOOP("Messages", "Look straight at the camera and keep the head level (turn %1, tilt %2 deg).")),
    (rf"The picture is blurred \(sharpness {_N}, needs {_N}\): hold still, clean the lens or let the camera "
     r"focus\.",
     QT_TRANSLATE_NOOP("Messages", "The picture is blurred (sharpness %1, needs %2): hold still, clean the lens or "
                                   "let the camera focus.")),
    (rf"The face is too dark \(brightness {_N}, needs {_N}\): add light in front of the customer or turn them "
     r"towards the window\.",
     QT_TRANSLATE_NOOP("Messages", "The face is too dark (brightness %1, needs %2): add light in front of the "
                                   "customer or turn them towards the window.")),
    (rf"The face is too bright \(brightness {_N}, at most {_N}\): move out of direct light\.",
     QT_TRANSLATE_NOOP("Messages", "The face is too bright (brightness %1, at most %2): move out of direct light.")),
    (rf"The face has too little contrast \({_N}, needs {_N}\): avoid light from behind the customer and clean "
     r"the lens\.",
     QT_TRANSLATE_NOOP("Messages", "The face has too little contrast (%1, needs %2): avoid light from behind the "
                                   "customer and clean the lens.")),
    (r"The face is good\.", QT_TRANSLATE_NOOP("Messages", "The face is good.")),
    (r"Liveness confirmed: every asked move was seen\.",
     QT_TRANSLATE_NOOP("Messages", "Liveness confirmed: every asked move was seen.")),
    (rf"{_N} faces appeared during the challenge: only the customer may be in view\.",
     QT_TRANSLATE_NOOP("Messages", "%1 faces appeared during the challenge: only the customer may be in view.")),
    (r"The face left the picture during the challenge: start it again\.",
     QT_TRANSLATE_NOOP("Messages", "The face left the picture during the challenge: start it again.")),
    (r"The challenge did not start: no steady frontal face was seen\.",
     QT_TRANSLATE_NOOP("Messages", "The challenge did not start: no steady frontal face was seen.")),
    (rf"The challenge stopped before '{_ANY}' was seen\.",
     QT_TRANSLATE_NOOP("Messages", "The challenge stopped before '%1' was seen.")),
    (rf"The head turned the other way \(asked: to the customer's {_ANY}\): start the challenge again\.",
     QT_TRANSLATE_NOOP("Messages", "The head turned the other way (asked: to the customer's %1): start the "
                                   "challenge again.")),
    (rf"Liveness not confirmed: {_ANY}\. A photo or a still video cannot pass; start again\.",
     QT_TRANSLATE_NOOP("Messages", "Liveness not confirmed: %1. A photo or a still video cannot pass; start "
                                   "again.")),
    (r"No liveness challenge was run\.", QT_TRANSLATE_NOOP("Messages", "No liveness challenge was run.")),
    (rf"no blink seen within {_N} s \(eye openness fell to {_N}% of normal, a blink needs under {_N}%\)",
     QT_TRANSLATE_NOOP("Messages", "no blink seen within %1 s (eye openness fell to %2% of normal, a blink needs "
                                   "under %3%)")),
    (rf"no turn seen within {_N} s \(moved {_N}, needs {_N}\)",
     QT_TRANSLATE_NOOP("Messages", "no turn seen within %1 s (moved %2, needs %3)")),
    (r"left", QT_TRANSLATE_NOOP("Messages", "left")),
    (r"right", QT_TRANSLATE_NOOP("Messages", "right")),
    (r"blink", QT_TRANSLATE_NOOP("Messages", "blink")),
    (r"turn_left", QT_TRANSLATE_NOOP("Messages", "turn_left")),
    (r"turn_right", QT_TRANSLATE_NOOP("Messages", "turn_right")),

    (rf"Same person: distance {_N} is within the threshold {_N} \(mean of {_N} live frame\(s\)\)\.",
     QT_TRANSLATE_NOOP("Messages", "Same person: distance %1 is within the threshold %2 (mean of %3 live "
                                   "frames).")),
    (rf"Not the same person: distance {_N} is over the threshold {_N} \(mean of {_N} live frame\(s\)\)\. "
     r"Compare the customer with the card yourself\.",
     QT_TRANSLATE_NOOP("Messages", "Not the same person: distance %1 is over the threshold %2 (mean of %3 live "
                                   "frames). Compare the customer with the card yourself.")),
    (r"No usable live picture of the face\.", QT_TRANSLATE_NOOP("Messages", "No usable live picture of the face.")),
    (r"No picture came from the camera\.", QT_TRANSLATE_NOOP("Messages", "No picture came from the camera.")),
    (r"The card photo cannot be decoded: read the card again\.",
     QT_TRANSLATE_NOOP("Messages", "The card photo cannot be decoded: read the card again.")),
    (r"No face found in the card photo: read the card again, flat and without glare\.",
     QT_TRANSLATE_NOOP("Messages", "No face found in the card photo: read the card again, flat and without glare.")),
    (r"The officer compared the customer with the card in person\.",
     QT_TRANSLATE_NOOP("Messages", "The officer compared the customer with the card in person.")),
    (r"The face check was stopped\.", QT_TRANSLATE_NOOP("Messages", "The face check was stopped.")),
    # cameras and video files
    (rf"No camera answers at {_ANY}: plug it in, close any other program using it, or choose another camera in "
     r"the settings \(ui\.camera\)\.",
     QT_TRANSLATE_NOOP("Messages", "No camera answers at %1: plug it in, close any other program using it, or "
                                   "choose another camera in the settings.")),
    (rf"The camera stopped sending pictures \({_ANY}\): check its cable and try again, or go on with an officer "
     r"override\.",
     QT_TRANSLATE_NOOP("Messages", "The camera stopped sending pictures (%1): check its cable and try again, or go "
                                   "on with an officer override.")),
    (rf"The video {_ANY} does not exist: check the path\.",
     QT_TRANSLATE_NOOP("Messages", "The video %1 does not exist: check the path.")),
    (rf"The video {_ANY} cannot be opened: it is not a video file OpenCV reads, or it is damaged\.",
     QT_TRANSLATE_NOOP("Messages", "The video %1 cannot be opened: it is not a video file the station reads, or "
                                   "it is damaged.")),
    (rf"{_ANY} has no more frames\.", QT_TRANSLATE_NOOP("Messages", "%1 has no more frames.")),
    (rf"camera {_N}", QT_TRANSLATE_NOOP("Messages", "camera %1")),
    (rf"the video {_ANY}", QT_TRANSLATE_NOOP("Messages", "the video %1")),
    # loans
    (rf"The amount \({_N}\) must be above zero, and it and the fees \({_N}\) must be whole fen \(at most two "
     r"decimals\)\.",
     QT_TRANSLATE_NOOP("Messages", "The amount (%1) must be above zero, and it and the fees (%2) must be whole fen "
                                   "(at most two decimals).")),
    (rf"The fees \({_N}\) must be less than the amount \({_N}\)\.",
     QT_TRANSLATE_NOOP("Messages", "The fees (%1) must be less than the amount (%2).")),
    # settings
    (rf"Some settings are not valid \({_ANY}\)\.", QT_TRANSLATE_NOOP("Messages", "Some settings are not valid (%1).")),
    (rf"{_ANY}: there is no file {_ANY}\.", QT_TRANSLATE_NOOP("Messages", "%1: there is no file %2.")),
    (rf"Cannot read a file named in the signing settings: {_ANY}\.",
     QT_TRANSLATE_NOOP("Messages", "Cannot read a file named in the signing settings: %1.")),
    (rf"A file in signing\.trust_roots or signing\.crl_files is not a certificate or CRL: {_ANY}\.",
     QT_TRANSLATE_NOOP("Messages", "A file among the trusted roots or CRL files is not a certificate or CRL: %1.")),
    (rf"signing\.trust_roots: {_ANY} is not a PEM or DER certificate file \({_ANY}\)\.",
     QT_TRANSLATE_NOOP("Messages", "Trusted roots: %1 is not a PEM or DER certificate file (%2).")),
    (rf"signing\.trust_roots: {_ANY} holds no certificate\.",
     QT_TRANSLATE_NOOP("Messages", "Trusted roots: %1 holds no certificate.")),
    (rf"signing\.crl_files: {_ANY} is not a PEM or DER CRL file \({_ANY}\)\.",
     QT_TRANSLATE_NOOP("Messages", "CRL files: %1 is not a PEM or DER CRL file (%2).")),
    (rf"{_ANY}: the (?:certificate|CRL) file {_ANY} cannot be read \({_ANY}\)\.",
     QT_TRANSLATE_NOOP("Messages", "%1: the file %2 cannot be read (%3).")),
    (rf"ui\.camera: {_ANY} is neither a camera number nor a video file or image folder\.",
     QT_TRANSLATE_NOOP("Messages", "Camera: %1 is neither a camera number nor a video file or image folder.")),
    # evidence bundles
    (rf"Cannot write the evidence bundle {_ANY}: {_ANY}\. Choose a folder this station may write to; nothing was "
     r"written\.",
     QT_TRANSLATE_NOOP("Messages", "Cannot write the evidence bundle %1: %2. Choose a folder this station may write "
                                   "to; nothing was written.")),
    (rf"The disk is full, so the evidence bundle {_ANY} was not written \(nothing partial was left\)\. Free some "
     r"space \(station doctor shows how much is left\) and export again\.",
     QT_TRANSLATE_NOOP("Messages", "The disk is full, so the evidence bundle %1 was not written (nothing partial was "
                                   "left). Free some space (station doctor shows how much is left) and export again.")),
    (rf"Cannot read sync\.recipient_cert {_ANY}: {_ANY}\.",
     QT_TRANSLATE_NOOP("Messages", "Cannot read the branch certificate %1 (sync.recipient_cert): %2.")),
    (rf"sync\.recipient_cert {_ANY} is not a certificate \(PEM or DER\): {_ANY}\. Ask branch IT for the branch's "
     r"encryption certificate\.",
     QT_TRANSLATE_NOOP("Messages", "The branch certificate %1 (sync.recipient_cert) is not a certificate (PEM or "
                                   "DER): %2. Ask branch IT for the branch's encryption certificate.")),
    # handwriting and signing
    (r"The signature pad is empty: ask the borrower to sign\.",
     QT_TRANSLATE_NOOP("Messages", "The signature pad is empty: ask the borrower to sign.")),
    (r"The pad holds only a dot or a short scratch, not a signature: clear it and ask the borrower to sign their "
     r"name\.",
     QT_TRANSLATE_NOOP("Messages", "The pad holds only a dot or a short scratch, not a signature: clear it and ask "
                                   "the borrower to sign their name.")),
    (rf"{_N} strokes of handwriting\.", QT_TRANSLATE_NOOP("Messages", "%1 strokes of handwriting.")),
    (rf"The pen input cannot be read \({_ANY}\); ask the borrower to sign again\.",
     QT_TRANSLATE_NOOP("Messages", "The pen input cannot be read (%1); ask the borrower to sign again.")),
    (rf"The pen input has {_N} points, more than a signature \({_N}\); clear the pad and ask the borrower to "
     r"sign again\.",
     QT_TRANSLATE_NOOP("Messages", "The pen input has %1 points, more than a signature (%2); clear the pad and "
                                   "ask the borrower to sign again.")),
    # sign-in and the session
    (r"Unknown officer id or wrong PIN\.", QT_TRANSLATE_NOOP("Messages", "Unknown officer id or wrong PIN.")),
    (rf"Unknown officer id or wrong PIN \({_N} tries left\)\.",
     QT_TRANSLATE_NOOP("Messages", "Unknown officer id or wrong PIN (%1 tries left).")),
    (rf"Officer {_ANY} is locked after too many wrong PINs until {_ANY}\. Wait, or ask an admin to unlock\.",
     QT_TRANSLATE_NOOP("Messages", "Officer %1 is locked after too many wrong PINs until %2. Wait, or ask an "
                                   "admin to unlock.")),
    (rf"Wrong PIN\. Officer {_ANY} is now locked for {_N} minutes\.",
     QT_TRANSLATE_NOOP("Messages", "Wrong PIN. Officer %1 is now locked for %2 minutes.")),
    (rf"The session of {_ANY} locked itself after {_N} idle minutes\. Enter the PIN to go on\.",
     QT_TRANSLATE_NOOP("Messages", "The session of %1 locked itself after %2 idle minutes. Enter the PIN to "
                                   "go on.")),
    # the visit
    (rf"Give a reason for overriding {_ANY}; it is recorded in the case\.",
     QT_TRANSLATE_NOOP("Messages", "Give a reason for overriding %1; it is recorded in the case.")),
    (r"This case is done and signed; start a new case instead of changing it\.",
     QT_TRANSLATE_NOOP("Messages", "This case is done and signed; start a new case instead of changing it.")),
    (r"This case is done; nothing more can be submitted\.",
     QT_TRANSLATE_NOOP("Messages", "This case is done; nothing more can be submitted.")),
    (rf"The {_ANY} step cannot be redone\.", QT_TRANSLATE_NOOP("Messages", "The %1 step cannot be redone.")),
]
_COMPILED = [(re.compile(pattern), source) for pattern, source in _KNOWN]


def say(sentence: str) -> str:
    """``sentence`` from the core in the current language (figures kept), or as it is when not known."""
    for pattern, source in _COMPILED:
        match = pattern.fullmatch(sentence.strip())
        if match:
            text = QCoreApplication.translate("Messages", source)
            for i, group in enumerate(match.groups(), 1):
                text = text.replace(f"%{i}", _figure(group))
            return text
    return sentence


def _figure(text: str) -> str:
    """A figure of a sentence: a known phrase ("20 years"), a list of document kinds or steps, or as it is."""
    names = [part.strip() for part in text.split(",")]
    if all(n in {k.value for k in DocumentKind} for n in names):
        return join(document_title(n) for n in names)
    if all(n in {s.value for s in Step} for n in names):
        return join(step_title(n) for n in names)
    said = [say(n) for n in names]
    if len(names) > 1 and all(t != n for t, n in zip(said, names, strict=True)):
        return join(said)
    return say(text)


def join(items: Iterable[str]) -> str:
    """Items listed as the current language lists them (、 in Chinese)."""
    return QCoreApplication.translate("Messages", ", ", "between the items of a list").join(items)


def describe(check: CheckResult) -> str:
    """A check's reason in the current language."""
    return say(check.reason)


def error_text(exc: BaseException) -> str:
    """An error for the officer: the station's own sentence translated, anything else named as unexpected."""
    if isinstance(exc, StationError):
        return say(str(exc))
    return QCoreApplication.translate("Messages", "Something unexpected went wrong (%1). Nothing was saved "
                                      "from this action; try again.").replace("%1", type(exc).__name__)
