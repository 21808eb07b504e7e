// cdx-validate.js FILE...: each CycloneDX 1.5 JSON document through the
// CycloneDX project's own validator (@cyclonedx/cyclonedx-library, with
// ajv); prints "FILE: valid" or the errors, exits 1 when one is invalid.
// NODE_PATH names the directory scripts/install-deps installed it into.
const fs = require('fs');
const CDX = require('@cyclonedx/cyclonedx-library');

async function main(files) {
  const v = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot5);
  let bad = 0;
  for (const f of files) {
    const errors = await v.validate(fs.readFileSync(f, 'utf8'));
    if (errors === null) {
      console.log(`${f}: valid`);
    } else {
      bad++;
      console.log(`${f}: INVALID ${JSON.stringify(errors)}`);
    }
  }
  process.exit(bad ? 1 : 0);
}
main(process.argv.slice(2)).catch((e) => { console.error(e); process.exit(2); });
