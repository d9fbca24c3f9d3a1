namespace Kata.Instructor.Gradebook;

/// <summary>
/// One line of the instructor's students file: which student a submission is, by the identifiers an LMS
/// matches on. Every field but <see cref="Submission"/> may be empty.
/// </summary>
/// <param name="Submission">The submission's name in the class's grades (its folder, as roster.csv lists it).</param>
/// <param name="Student">The student's name as the LMS shows it (Canvas: "Last, First").</param>
/// <param name="Id">The LMS's own user id (Canvas: ID).</param>
/// <param name="SisUserId">The student information system's id (Canvas: SIS User ID; Moodle: ID number).</param>
/// <param name="SisLoginId">The login (Canvas: SIS Login ID).</param>
/// <param name="Section">The course section (Canvas: Section).</param>
/// <param name="Email">The e-mail address (Moodle).</param>
public sealed record StudentRecord(string Submission, string Student, string Id, string SisUserId, string SisLoginId, string Section, string Email);
