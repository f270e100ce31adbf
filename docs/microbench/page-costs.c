// Micro-benchmark for issue 10: per-4KiB-page costs of what QEMU's migration thread does.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <unistd.h>
#include <time.h>
#include <immintrin.h>

#define PG 4096UL
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e9+t.tv_nsec;}

// buffer_is_zero-like AVX2 check (QEMU util/bufferiszero.c buffer_zero_avx2 style: OR 4 vectors per step)
__attribute__((target("avx2"),noinline)) static bool iszero_avx2(const void *buf, size_t len){
  const __m256i *p=buf, *e=(const __m256i*)((const char*)buf+len);
  __m256i t=_mm256_setzero_si256();
  for(; p<e; p+=4){
    t=_mm256_or_si256(t,_mm256_or_si256(_mm256_or_si256(p[0],p[1]),_mm256_or_si256(p[2],p[3])));
    if(!_mm256_testz_si256(t,t)) return false;
  }
  return true;
}
static volatile long sink;

static void *reader(void *arg){int fd=*(int*)arg;char *b=malloc(1<<20);long n;while((n=read(fd,b,1<<20))>0)sink+=n;free(b);return NULL;}

int main(int argc,char**argv){
  size_t GB=1UL<<30, N=GB/PG; double t0,t1; long z=0;
  // 1. never-touched anonymous memory, 4 KiB pages: read fault maps the shared zero page, then zero check
  char *a=mmap(NULL,GB,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
  madvise(a,GB,MADV_NOHUGEPAGE);
  t0=now(); for(size_t i=0;i<N;i++) z+=iszero_avx2(a+i*PG,PG); t1=now(); sink+=z;
  printf("untouched 4K (read fault -> zero page) + zero check: %.0f ns/page (%ld zero)\n",(t1-t0)/N,z);
  // 2. same pages again: mapped to the zero page already, zero check only (zero page is cache-hot)
  z=0; t0=now(); for(size_t i=0;i<N;i++) z+=iszero_avx2(a+i*PG,PG); t1=now(); sink+=z;
  printf("mapped zero page, zero check only:                  %.0f ns/page\n",(t1-t0)/N);
  munmap(a,GB);
  // 3. THP: never-touched, MADV_HUGEPAGE: one fault maps the huge zero page per 2 MiB
  a=mmap(NULL,GB+(2UL<<20),PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
  char *h=(char*)(((uintptr_t)a+(2UL<<20)-1)&~((2UL<<20)-1));
  madvise(h,GB,MADV_HUGEPAGE);
  z=0; t0=now(); for(size_t i=0;i<N;i++) z+=iszero_avx2(h+i*PG,PG); t1=now(); sink+=z;
  printf("untouched THP (huge zero page) + zero check:        %.0f ns/page\n",(t1-t0)/N);
  munmap(a,GB+(2UL<<20));
  // 4. resident data pages (non-zero, cache-cold over 1 GiB): zero check fails at the first vector
  a=mmap(NULL,GB,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE,-1,0);
  for(size_t i=0;i<N;i++) memset(a+i*PG,0x5a,PG);
  z=0; t0=now(); for(size_t i=0;i<N;i++) z+=iszero_avx2(a+i*PG,PG); t1=now(); sink+=z;
  printf("resident data page, zero check (early exit):        %.0f ns/page\n",(t1-t0)/N);
  //    resident zero pages (written with zeroes, e.g. init_on_free / init_on_alloc): full 4 KiB read from DRAM
  for(size_t i=0;i<N;i++) memset(a+i*PG,0,PG);
  // flush by touching another 1 GiB
  char *f=mmap(NULL,GB,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE,-1,0); memset(f,1,GB);
  z=0; t0=now(); for(size_t i=0;i<N;i++) z+=iszero_avx2(a+i*PG,PG); t1=now(); sink+=z;
  printf("resident zeroed page (DRAM), full zero check:       %.0f ns/page\n",(t1-t0)/N);
  // 5. memcpy of a cache-cold 4 KiB page into a reused 32 KiB buffer (QEMUFile-like): source streams from DRAM
  for(size_t i=0;i<N;i++) a[i*PG]=1;
  memset(f,2,GB);
  char *buf=malloc(32768);
  t0=now(); for(size_t i=0;i<N;i++){ memcpy(buf+(i&7)*PG,a+i*PG,PG); sink+=buf[(i&7)*PG];} t1=now(); sink+=z;
  printf("memcpy 4 KiB cold source -> hot buffer:             %.0f ns/page\n",(t1-t0)/N);
  // 6. memcpy into a cold destination (destination QEMU writing guest RAM that is already populated)
  t0=now(); for(size_t i=0;i<N;i++) memcpy(f+i*PG,a+i*PG,PG); t1=now(); sink+=z;
  printf("memcpy 4 KiB cold -> cold (populated dest):         %.0f ns/page\n",(t1-t0)/N);
  // 7. write into never-touched destination memory: page fault allocating+zeroing a page, then copy
  char *d=mmap(NULL,GB,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0); madvise(d,GB,MADV_NOHUGEPAGE);
  t0=now(); for(size_t i=0;i<N;i++) memcpy(d+i*PG,a+i*PG,PG); t1=now(); sink+=z;
  printf("memcpy 4 KiB into untouched dest (fault+zero+copy): %.0f ns/page\n",(t1-t0)/N);
  munmap(d,GB);
  // 8. TCP loopback: send 4 KiB pages (+8-byte header) through a socket to a reader thread (local link)
  int ls=socket(AF_INET,SOCK_STREAM,0),one=1; struct sockaddr_in sa={.sin_family=AF_INET,.sin_port=0,.sin_addr.s_addr=htonl(INADDR_LOOPBACK)};
  setsockopt(ls,SOL_SOCKET,SO_REUSEADDR,&one,sizeof one); bind(ls,(void*)&sa,sizeof sa); socklen_t sl=sizeof sa; getsockname(ls,(void*)&sa,&sl); listen(ls,1);
  int cs=socket(AF_INET,SOCK_STREAM,0); connect(cs,(void*)&sa,sizeof sa); int rs=accept(ls,NULL,NULL);
  pthread_t th; pthread_create(&th,NULL,reader,&rs);
  size_t M=N/4; char *ob=malloc(32768+64); size_t used=0;
  t0=now();
  for(size_t i=0;i<M;i++){ // QEMUFile: header + page copied into a 32 KiB buffer, flushed with write() when full
    memcpy(ob+used,&i,8); used+=8; memcpy(ob+used,a+i*PG,PG); used+=PG;
    if(used>32768-PG-8){ if(write(cs,ob,used)!=(ssize_t)used) return 1; used=0; }
  }
  if(used) write(cs,ob,used);
  shutdown(cs,SHUT_WR); pthread_join(th,NULL); t1=now(); sink+=z;
  printf("TCP loopback stream, 4104 B per page (both ends):   %.0f ns/page (%.2f GB/s)\n",(t1-t0)/M,M*4104.0/(t1-t0));
  return 0;
}
