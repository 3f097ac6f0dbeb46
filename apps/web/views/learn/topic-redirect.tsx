"use client";
import Link from "next/link";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import type { ChapterEntry } from "./chapters";
import type { TopicTarget } from "./topics";

/** A topic's page (/learn/validity/): goes on to the chapter section that explains it, and says where. */
export function TopicRedirect({ chapters, topic, target }: { chapters: readonly ChapterEntry[]; topic: string; target: TopicTarget | null }) {
  const router = useRouter();
  const href = target?.slug ? `/learn/${target.slug}/${target.anchor ? `#${target.anchor}` : ""}` : "/learn/introduction/";
  useEffect(() => router.replace(href), [router, href]);
  const chapter = chapters.find((c) => c.slug === target?.slug);
  return (
    <div className="page">
      <h1>{topic.replace(/-/g, " ")}</h1>
      <p>
        This topic is explained in{" "}
        <Link href={href}>
          {chapter ? chapter.title : "the tutorial"}
          {target?.anchor ? `: ${target.heading}` : ""}
        </Link>
        .
      </p>
    </div>
  );
}
