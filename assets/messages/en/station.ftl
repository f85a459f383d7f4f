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

