// The first job of .github/workflows/grade-class.yml: which repositories to grade, in chunks that fit
// GitHub's matrix limit. Needs no npm package (Node's own fetch), so the job needs no install.
//
//   node list-submissions.mjs --roster FILE              one repository a line: owner/name, or its
//                                                        https://github.com/owner/name(.git) URL; # comments
//   node list-submissions.mjs --prefix P --org ORG       every repository of ORG whose name starts with P
//                                                        (a GitHub Classroom assignment), via the API with
//                                                        $GH_TOKEN (read-only is enough)
//
// Writes to $GITHUB_OUTPUT (stdout when it is not set): count=N, and chunks=[[{"name","repo"}, …], …],
// at most 256 submissions a chunk (one matrix of the chunk workflow each). "name" is the repository's
// name, or owner-name when two repositories share a name; it names the submission's folder, artifact
// and roster row. A line that is not a repository is left out with a warning.
import { appendFileSync, readFileSync } from "node:fs";

const ChunkSize = 256;
const repository = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

const args = process.argv.slice(2);
const option = name => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1].trim() : "";
};

const roster = option("--roster");
const prefix = option("--prefix");
let repos;
if (roster) {
  repos = [];
  for (const raw of readFileSync(roster, "utf8").split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const repo = line.replace(/^https:\/\/github\.com\//, "").replace(/\.git$/, "").replace(/\/$/, "");
    if (repository.test(repo) && !repo.split("/").some(part => part === "." || part === "..")) repos.push(repo);
    else console.log(`::warning::${roster}: "${line.replace(/[\r\n:]/g, " ")}" is not a repository (owner/name); left out.`);
  }
} else if (prefix) {
  repos = await listByPrefix(option("--org"), prefix);
} else {
  console.log("::error::Name the submissions: a roster file in this repository, or the assignment's prefix.");
  process.exit(2);
}

repos = [...new Set(repos)];
const nameCount = new Map();
for (const repo of repos) nameCount.set(repo.split("/")[1], (nameCount.get(repo.split("/")[1]) ?? 0) + 1);
const submissions = repos.map(repo => {
  const [owner, name] = repo.split("/");
  return { name: nameCount.get(name) > 1 ? `${owner}-${name}` : name, repo };
});

const chunks = [];
for (let i = 0; i < submissions.length; i += ChunkSize) chunks.push(submissions.slice(i, i + ChunkSize));
const output = `count=${submissions.length}\nchunks=${JSON.stringify(chunks)}\n`;
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, output);
else process.stdout.write(output);
console.log(`${submissions.length} submissions in ${chunks.length} chunk(s) of at most ${ChunkSize}.`);
if (submissions.length === 0) {
  console.log("::error::No submissions to grade: the roster is empty, or no repository has that prefix.");
  process.exit(1);
}

// The organization's repositories (all pages) whose names start with the prefix, by name.
async function listByPrefix(org, prefix) {
  if (!org || !process.env.GH_TOKEN) {
    console.log("::error::Listing by prefix needs the organization and a token (the CLASS_READ_TOKEN secret).");
    process.exit(2);
  }

  const found = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`https://api.github.com/orgs/${encodeURIComponent(org)}/repos?type=all&per_page=100&page=${page}`, {
      headers: { Accept: "application/vnd.github+json", Authorization: `Bearer ${process.env.GH_TOKEN}`, "X-GitHub-Api-Version": "2022-11-28" },
    });
    if (!response.ok) {
      console.log(`::error::Listing the repositories of ${org} failed: ${response.status} ${response.statusText}.`);
      process.exit(1);
    }

    const batch = await response.json();
    found.push(...batch.filter(r => r.name.startsWith(prefix)).map(r => r.full_name));
    if (batch.length < 100) return found.sort();
  }
}
