// Checks Kubernetes manifests against the Kubernetes API's own schemas, offline: each document of each file is
// validated by the kubernetes-models package (its JSON schemas are generated from the Kubernetes OpenAPI spec), found
// by apiVersion and kind. The packages are ES modules, resolved from this script's directory: check-deploy.sh installs
// them next to a copy of it. Usage: node validate-kubernetes.mjs FILE.yaml... Exits non-zero naming the file, the
// document and the problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let failures = 0;
for (const file of process.argv.slice(2)) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, document] of documents.entries()) {
    const where = `${file}: document ${index + 1}`;
    if (document.errors.length > 0) {
      console.error(`${where}: ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const manifest = document.toJS();
    const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
    let Model;
    try {
      Model = (await import(`kubernetes-models/${group === "" ? "" : group + "/"}${version}/${manifest.kind}`))[manifest.kind];
    } catch {
      console.error(`${where}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(manifest).validate();
      console.log(`${where}: ${manifest.apiVersion} ${manifest.kind} ${manifest.metadata?.name ?? ""} is valid`);
    } catch (error) {
      console.error(`${where}: ${manifest.kind}: ${error.message}`);
      failures++;
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
