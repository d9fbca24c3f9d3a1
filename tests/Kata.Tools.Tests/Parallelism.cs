// The tooling tests run one at a time, except the four longest, which run side by side: the three that
// grade a class (ClassGradingTests, RegradeTests, AutograderTests) and the warm worker's equivalence test
// (WarmRunTests, in its own copy of the kata). Each mostly waits on one command at a time (a sandbox
// starting, a test host, a build), and the three graders alone were more than half of the tooling tests'
// time. They share only what the grader already shares safely between commands: the plan cache and the
// build folders, each behind its lock. Every other fixture runs before or after them, never beside them.
[assembly: NonParallelizable]
[assembly: LevelOfParallelism(3)]
